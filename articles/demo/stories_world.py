"""Demo stories: Middle East and World sections."""

from articles.demo.content import Story

STORIES = [
    Story(
        slug="winter-kits-northeast-syria-returns",
        headline="Aid groups prepare winter kits as families return to northeast Syria",
        standfirst="Blankets, stoves and fuel vouchers are being packed for about 8,000 "
        "families who have gone home to villages with damaged roofs and no heating.",
        dateline="QAMISHLI, Syria",
        section="middle-east",
        authors=("omar-haddad",),
        tags=("Syria", "Refugees", "Aid", "Winter"),
        image="market",
        ago=8,
        body="""
        Aid organisations in northeast Syria have begun packing winter kits for about 8,000
        families who have returned to their villages this year, many to houses that still
        have broken windows and damaged roofs.

        Each kit contains blankets, a plastic sheet for patching roofs, a small stove and a
        voucher for heating fuel, according to the Northern Relief Network, a coalition of
        local charities that is coordinating the distribution.

        "People came home in the summer, when you can live with a hole in the roof," said
        Rania Youssef, the network's coordinator. "In January you cannot."

        ## Money runs short

        The network says it has raised about two thirds of what it needs. Without more
        money, the fuel vouchers will cover six weeks instead of the three months it
        planned.

        Night temperatures in the area fall below freezing in December and January, and
        doctors at local clinics say respiratory infections among children rise sharply
        each winter.

        Distribution is due to begin next week, starting with households headed by women
        and those with elderly or disabled members.
        """,
        comments=(
            (
                "Jiyan",
                "My aunt returned to her village near Derik in June. The roof is still a "
                "plastic sheet. Thank you for writing about this.",
            ),
            (
                "M. Schultz",
                "Is there a way to donate directly to the network? A link would be helpful.",
            ),
            (
                "Sipan",
                "Six weeks of fuel instead of three months is a big difference. The world has "
                "forgotten these people.",
            ),
        ),
    ),
    Story(
        slug="turkey-iraq-railway-technical-talks",
        headline="Turkey and Iraq hold technical talks on a cross-border railway",
        standfirst="Engineers from both countries met to discuss the route, the gauge and "
        "the customs arrangements for a line that would carry freight north from the Gulf.",
        dateline="ANKARA",
        section="middle-east",
        authors=("omar-haddad", "karwan-salih"),
        tags=("Turkey", "Iraq", "Transport", "Trade"),
        image="port",
        ago=26,
        body="""
        Railway engineers and customs officials from Turkey and Iraq met in Ankara this week
        for a second round of technical talks on a planned freight line that would link
        Iraq's southern ports with the Turkish rail network.

        According to a joint statement, the talks covered the route through northern Iraq,
        the standard of track to be used and how goods would be cleared at the border
        without long stops.

        The project, which supporters say could cut shipping times between the Gulf and
        Europe, has been discussed for years, but financing and security along the route
        remain open questions.

        ## What it would mean for the region

        Business groups in the Kurdistan Region say the line could bring jobs and lower
        freight costs, but want stations and depots close to their cities rather than a
        line that simply passes through.

        "A railway that nobody can get on and off is just a wall across the country," said
        Dara Fattah of the Erbil chamber of commerce's transport committee.

        A third round of talks is expected early next year.
        """,
        comments=(
            (
                "Logistics manager",
                "The customs part is the real issue. Track can be laid in two years; border "
                "procedures take twenty.",
            ),
            ("Hemin", "A station in Duhok or Zakho, please. Otherwise what is in it for us?"),
        ),
    ),
    Story(
        slug="jordan-water-for-energy-feasibility",
        headline="Jordan's water-for-energy plan moves to a feasibility study",
        standfirst="The idea: solar power from the desert in exchange for desalinated water. "
        "Engineers now have a year to say whether it can work.",
        dateline="AMMAN",
        section="middle-east",
        authors=("omar-haddad",),
        tags=("Jordan", "Water", "Solar power", "Climate"),
        image="river",
        ago=52,
        body="""
        A plan to trade solar electricity for desalinated water has moved into a year-long
        feasibility study, Jordan's water ministry said this week.

        Jordan is one of the most water-scarce countries in the world, and demand has grown
        with its population. The plan would pair a large solar farm in the desert with a
        desalination plant on the coast, with each side supplying what the other lacks.

        Engineers will study the cost of pumping water hundreds of metres uphill from the
        coast, the impact on marine life of the brine released by desalination, and how
        the deal would work if one side failed to deliver.

        "Water is the one thing we cannot import by ship in the quantities we need," said
        Maha Qudah, a water-policy researcher at a university in Amman. "Every option has
        to be on the table, and this one at least is being studied properly."
        """,
        comments=(
            (
                "Samer",
                "Pumping water up to Amman will cost a fortune in electricity. Glad they are "
                "studying it, not just announcing it.",
            ),
        ),
    ),
    Story(
        slug="gulf-midday-outdoor-work-ban-extended",
        headline="Gulf states extend the midday ban on outdoor work",
        standfirst="Construction and delivery workers will be kept out of the sun from "
        "12.30pm to 3.30pm for an extra two weeks this year.",
        dateline="DUBAI",
        section="middle-east",
        authors=("omar-haddad",),
        tags=("Gulf", "Heat", "Workers", "Climate"),
        image="oilfield",
        ago=100,
        body="""
        Several Gulf states will extend this year's midday ban on outdoor work by two weeks,
        labour ministries announced, citing longer and hotter summers.

        The ban, which applies to construction sites, road works and other outdoor jobs,
        requires employers to give workers a shaded rest area and drinking water during the
        hottest hours of the day.

        Workers' advocates welcomed the extension but said inspections were too rare, and
        that delivery riders, who are often paid per order, fall into a grey area.

        "A rule on paper does not cool anyone down," said a spokesperson for a migrant
        workers' support group in the region. "What matters is who checks, and what happens
        to employers who ignore it."
        """,
        comments=(
            (
                "Former site engineer",
                "The ban made a real difference on our sites. But the delivery riders are "
                "exactly the gap, agree completely.",
            ),
            ("Anil", "Three hours is not enough in August. It should depend on the heat index."),
        ),
    ),
    Story(
        slug="beirut-neighbours-shared-solar",
        headline="Beirut neighbours pool their money for shared solar",
        standfirst="Residents of an apartment block in Achrafieh have put panels on the roof "
        "and split the power between 24 flats. Others are copying them.",
        dateline="BEIRUT",
        section="middle-east",
        authors=("omar-haddad",),
        tags=("Lebanon", "Solar power", "Electricity", "Cities"),
        image="chart",
        ago=150,
        body="""
        On the roof of a seven-storey building in Beirut's Achrafieh district, 60 solar
        panels now stand where washing lines used to hang.

        The 24 households below paid for them together, after months of meetings, a
        spreadsheet and what one resident described as "more arguments than a family
        wedding".

        ## How they share it

        Each flat has a meter that records how much of the solar power it uses. Households
        that paid more get a larger share in the evenings, when the panels' batteries are
        running down.

        "The hardest part was not the engineering," said Nadine Khoury, a retired teacher
        who chaired the building's committee. "It was agreeing what is fair."

        Installers say they have had dozens of enquiries from other buildings since
        neighbours began posting photos of the roof online.
        """,
        comments=(
            (
                "Rami",
                "More arguments than a family wedding, that is the truest line in the whole "
                "article.",
            ),
            (
                "Electrician in Tripoli",
                "Shared systems work if the metering is honest. Glad they got that part right.",
            ),
        ),
    ),
    Story(
        slug="currency-swings-leave-importers-waiting",
        headline="Currency swings leave Iranian importers waiting to place orders",
        standfirst="Traders in Tehran's bazaar say they cannot price goods for more than a "
        "few days at a time.",
        dateline="TEHRAN",
        section="middle-east",
        authors=("omar-haddad", "karwan-salih"),
        tags=("Iran", "Economy", "Trade"),
        image="market",
        ago=20,
        status="review",
        body="""
        Importers in Tehran's main bazaar say rapid swings in the value of the rial have led
        many to delay orders for household goods, spare parts and medicines.

        "I price my stock in the morning and by the evening the price is wrong," said a
        trader in kitchenware, who asked not to be named.

        Economists say the uncertainty pushes up prices for consumers, as traders build in a
        margin against further falls.

        [Editor: need a second source on the pharmacy imports before this runs.]
        """,
        comments=(),
    ),
    Story(
        slug="regional-water-forum-amman",
        headline="Regional water forum ends with a plan to share river data",
        standfirst="Engineers from five countries agreed to publish daily river-flow figures "
        "from their gauging stations, a first step that delegates hope will build trust.",
        dateline="AMMAN",
        section="middle-east",
        authors=("omar-haddad", "clara-brennan"),
        tags=("Water", "Tigris", "Euphrates", "Diplomacy"),
        image="table",
        ago=320,
        body="""
        A three-day meeting of water engineers and officials from across the region ended in
        Amman on Thursday with an agreement to publish daily river-flow figures from gauging
        stations on the Tigris and Euphrates and their tributaries.

        The Regional Water Forum, an independent body funded by foundations and
        universities, hosted the meeting. It has no power to bind governments, and the
        agreement is voluntary.

        Still, delegates said that sharing data was a step that had eluded diplomats for
        years.

        > You cannot negotiate about water if you do not agree how much water there is.

        That was how one engineer from the forum's secretariat put it. The first figures are
        due to be published on a shared website in the spring.

        ## Why river data matters

        Downstream countries often learn of changes in flow only when the water arrives, or
        does not. Farmers plan planting on guesswork, and reservoir managers cannot prepare
        for floods or droughts.

        Publishing flow data openly, delegates said, would let farmers, scientists and
        journalists see the same numbers as governments.
        """,
        comments=(
            (
                "Hydrologist",
                "Data sharing sounds modest but it is the foundation of everything else. This "
                "is good news.",
            ),
            (
                "Skeptic",
                "Voluntary agreements are easy to sign and easy to forget. Let us see the "
                "website first.",
            ),
        ),
    ),
    Story(
        slug="geneva-water-talks-resume",
        headline="Upstream and downstream: water talks resume in Geneva",
        standfirst="Delegations from the Tigris–Euphrates basin sit down again after an "
        "eight-month pause, with a summer of low river levels fresh in everyone's mind.",
        dateline="GENEVA",
        section="world",
        authors=("clara-brennan",),
        tags=("Geneva", "Water", "Diplomacy", "Tigris", "Euphrates"),
        image="table",
        ago=12,
        body="""
        Technical talks on sharing the waters of the Tigris and Euphrates resumed in Geneva
        on Monday after an eight-month pause, with delegations meeting behind closed doors
        at a conference centre near the lake.

        The talks, convened by a neutral facilitation group, bring together engineers and
        officials from countries upstream and downstream. They are not negotiations on a
        treaty, organisers stress, but an attempt to agree on facts and on early-warning
        arrangements.

        ## A long, dry summer

        The pause came after a summer in which river levels downstream fell to some of the
        lowest in recent records. Farmers in parts of central and southern Iraq left fields
        unplanted, and the salinity of the Shatt al-Arab rose sharply.

        Upstream, officials point to growing demand of their own, from cities and
        irrigation, and to the dams they say protect against floods and provide power.

        ## On the agenda this week

        - Agreeing a common method for measuring river flow at the borders.
        - A hotline for dam operators to warn of large releases or cuts.
        - Rules for sharing water in drought years.

        A facilitator involved in the talks, who spoke on condition of anonymity under the
        organisers' rules, said the mood was "practical, not warm".

        > Nobody here expects a grand bargain this week. If the engineers leave with a shared
        > spreadsheet and a phone number they trust, that is a good week.

        ## What comes after

        Any agreement on drought rules would need approval at a political level, which
        diplomats say remains distant. But the engineers' work, they add, makes such an
        agreement easier to reach when the moment comes.

        The talks are due to end on Friday. A short joint statement is expected.
        """,
        comments=(
            (
                "Farmer near Diwaniyah",
                "We left half our land unplanted this summer. I hope the people in Geneva "
                "know that.",
            ),
            (
                "Lukas",
                "Practical, not warm is probably the best you can hope for. Good, calm reporting.",
            ),
            (
                "Nasreen",
                "A phone number they trust. It is sad that this counts as progress, but it does.",
            ),
            (
                "Ahmed T.",
                "The article gives the upstream side too, which is fair. Too many reports only "
                "tell one story.",
            ),
            (
                "Water engineer",
                "Agreeing a measurement method is harder than it sounds. Fingers crossed.",
            ),
        ),
    ),
    Story(
        slug="climate-adaptation-fund-first-projects",
        headline="Climate adaptation fund approves its first projects in the region",
        standfirst="Drip irrigation in Kurdistan, shaded schools in Basra and flood defences "
        "in Lebanon are among twelve projects sharing the first round of grants.",
        dateline="GENEVA",
        section="world",
        authors=("clara-brennan", "hana-jalal"),
        tags=("Climate", "Water", "Agriculture", "Diplomacy"),
        image="wheat",
        ago=60,
        body="""
        An international fund set up to help communities adapt to hotter, drier summers has
        approved its first twelve projects in the Middle East, its board said on Wednesday.

        The grants, most of them small, go to local authorities, cooperatives and charities
        rather than national governments, which the fund says lets money reach the ground
        faster.

        ## Among the projects

        - Drip irrigation for 600 small farms in the plains around Erbil and Makhmour.
        - Shade canopies and water fountains for 40 schools in Basra province.
        - Flood channels in a valley town in northern Lebanon.
        - Heat-resistant seed trials with farmers' cooperatives in Jordan.

        Critics say the sums are tiny compared with the scale of the problem, and that
        richer countries have not delivered what they promised for climate finance.

        The fund's director said the next round would open in the spring, with a simpler
        application form in Arabic, Kurdish and Turkish as well as English.
        """,
        comments=(
            (
                "Makhmour farmer",
                "Drip irrigation changed my brother's farm. 600 farms is a good start.",
            ),
            (
                "Critic",
                "Tiny sums and a big press release. The polluters should be paying far more.",
            ),
            ("Leyla", "A form in Kurdish is a small thing that matters a lot. Well done."),
        ),
    ),
    Story(
        slug="european-states-test-faster-student-visas",
        headline="European states to test faster visas for students from the region",
        standfirst="A pilot scheme would promise a decision within 30 days for students with "
        "a confirmed university place.",
        dateline="BRUSSELS",
        section="world",
        authors=("clara-brennan",),
        tags=("Europe", "Education", "Students", "Visas"),
        image="assembly",
        ago=14,
        status="review",
        body="""
        A group of European countries plans to test a faster visa process for students from
        the Middle East who hold a confirmed university place, officials said.

        Under the pilot, applicants would get a decision within 30 days. Students currently
        wait months in some cases, and some miss the start of their courses.

        Universities have lobbied for the change for years, saying they lose talented
        students to countries with quicker procedures.

        The pilot is expected to start with the next academic year.
        """,
        comments=(),
    ),
    Story(
        slug="shared-weather-warnings-eastern-mediterranean",
        headline="Weather services agree on shared warnings for the eastern Mediterranean",
        standfirst="Forecasters will use the same colour codes for heat, dust and floods, so "
        "that a red warning means the same thing on both sides of a border.",
        dateline="ATHENS",
        section="world",
        authors=("clara-brennan",),
        tags=("Weather", "Climate", "Diplomacy"),
        image="mountains",
        ago=130,
        body="""
        National weather services from around the eastern Mediterranean have agreed to use
        a common system of colour-coded warnings for heatwaves, dust storms and floods,
        starting next summer.

        Until now, a "red" warning in one country could mean something quite different from
        a red warning next door, confusing travellers, airlines and emergency services.

        Forecasters will also share satellite and radar data more quickly, so that dust
        storms can be tracked across borders as they form.

        "Storms do not carry passports," said one senior forecaster at the meeting. "Our
        warnings should not need translating either."
        """,
        comments=(
            (
                "Pilot",
                "This is a very practical step. Inconsistent warning levels are a real "
                "headache for flight planning.",
            ),
        ),
    ),
    Story(
        slug="diaspora-consular-services-online",
        headline="Diaspora Kurds in Germany and Sweden can now book consular services online",
        standfirst="An online appointment system replaces phone queues that could last "
        "hours. Birth registrations and document renewals come first.",
        dateline="BERLIN",
        section="world",
        authors=("layla-nuri", "clara-brennan"),
        tags=("Diaspora", "Germany", "Sweden", "Technology"),
        image="newsprint",
        ago=180,
        body="""
        Kurds living in Germany and Sweden can now book consular appointments online, ending
        phone queues that some said lasted all morning.

        The first services available are birth registrations, power-of-attorney documents
        and the renewal of identity papers. More will follow next year, the consular
        offices said.

        "I called for three days to register my daughter's birth," said Avin Sherko, who
        lives near Stuttgart. "This time my neighbour booked online in five minutes."

        Community associations have offered to help older people who are not comfortable
        with online forms.
        """,
        comments=(
            (
                "Avin's neighbour",
                "Can confirm, it took five minutes. The site even works on a phone.",
            ),
            (
                "Rawand in Malmö",
                "Great for Sweden and Germany, but what about the rest of us in the UK and "
                "the Netherlands?",
            ),
        ),
    ),
    Story(
        slug="journalists-groups-protection-local-reporters",
        headline="Journalists' groups call for better protection for local reporters",
        standfirst="A report by a press-freedom coalition says local reporters and freelancers "
        "face most of the risks and get the least support.",
        dateline="LONDON",
        section="world",
        authors=("clara-brennan",),
        tags=("Press freedom", "Journalism"),
        image="newsprint",
        ago=280,
        body="""
        A coalition of press-freedom organisations has called on media owners and
        governments to do more to protect local reporters and freelancers, who it says carry
        most of the risk of reporting in the region but receive the least support.

        The coalition's report, based on interviews with more than 200 journalists, found
        that fewer than one in five freelancers had insurance, and that many had no
        training in safety or digital security.

        ## The report's recommendations

        1. Media that buy freelancers' work should pay for their insurance on assignment.
        2. Newsrooms should offer safety and digital-security training to everyone who
        reports for them, staff or not.
        3. Governments should investigate threats against journalists quickly and publicly.

        "The byline may be in a big international outlet, but the person standing in the
        street is often a local reporter on a day rate," said the report's author.

        The Newsroom's editors said they had reviewed the recommendations and already meet
        the first two.
        """,
        comments=(
            (
                "Freelancer",
                "No insurance, no training, and paid three months late. This report is "
                "exactly right.",
            ),
            (
                "Reader",
                "Good that The Newsroom says what it does itself. It would be better to hear "
                "it from your freelancers though.",
            ),
        ),
    ),
    Story(
        slug="study-refugees-work-healthier",
        headline="Refugees who find work within a year stay healthier, study finds",
        standfirst="Researchers followed 3,000 people for five years.",
        dateline="OSLO",
        section="world",
        authors=("hana-jalal",),
        tags=("Refugees", "Health", "Work"),
        image="chart",
        ago=36,
        status="draft",
        body="""
        Refugees who find paid work within their first year in a new country report better
        physical and mental health five years later, according to a study by researchers
        in Norway.

        The researchers followed 3,000 people who arrived between 2017 and 2019.

        [Need: comment from the lead author, and the journal's publication date.]
        """,
        comments=(),
    ),
]
