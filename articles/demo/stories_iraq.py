"""Demo stories: Iraq section."""

from articles.demo.content import Story

STORIES = [
    Story(
        slug="budget-committee-sends-draft-back",
        headline="Parliament's finance committee sends the draft budget back for revision",
        standfirst="Members want clearer figures on public-sector hiring and on the money "
        "set aside for the provinces before the bill goes to a first reading.",
        dateline="BAGHDAD",
        section="iraq",
        authors=("daniel-harker",),
        tags=("Baghdad", "Budget", "Parliament", "Provinces"),
        image="assembly",
        ago=3,
        body="""
        The Iraqi parliament's finance committee returned the draft federal budget to the
        council of ministers on Tuesday, asking for revised figures before the bill can go
        to a first reading.

        In a statement after a five-hour meeting, the committee said the draft did not show
        clearly how many new public-sector posts it would fund, or how the allocation for
        the provinces had been calculated.

        ## The sticking points

        - Public-sector hiring: members asked for a breakdown by ministry and province.
        - Provincial allocations: several members said the formula used was out of date.
        - The deficit: the committee wants the oil price assumption explained.

        A member of the committee, speaking on condition of anonymity because the talks were
        private, said the return was "procedural, not political" and that a revised draft
        could come back within two weeks.

        Economists have long warned that the public wage bill takes up most of the budget,
        leaving little for investment in roads, power and water.

        "Every year the debate is about salaries, and every year the investment budget is
        what gets cut," said Yasir Talib, who teaches public finance at a Baghdad university.
        "The committee is right to ask for the numbers. The question is what it does with
        them."
        """,
        comments=(
            (
                "Ali K.",
                "Procedural, not political. We have heard that before. Two weeks will become "
                "two months.",
            ),
            (
                "Mustafa",
                "The bullet list is helpful, thank you. Most reports just say 'disagreement' "
                "without saying what about.",
            ),
            (
                "Zainab H.",
                "Investment budget always gets cut, so true. Our school has waited four years "
                "for a new roof.",
            ),
        ),
    ),
    Story(
        slug="basra-desalination-full-output",
        headline="Basra desalination plant reaches full output ahead of summer",
        standfirst="The plant can now supply drinking water to about 400,000 people, but "
        "engineers say the old pipe network loses a third of it on the way.",
        dateline="BASRA",
        section="iraq",
        authors=("daniel-harker", "hana-jalal"),
        tags=("Basra", "Water", "Infrastructure"),
        image="river",
        ago=22,
        updated_after=5,
        body="""
        A seawater desalination plant on the outskirts of Basra reached its full design
        output this week, the provincial water directorate said, months before the summer
        heat that each year drives up demand and salinity in the Shatt al-Arab.

        The plant produces enough drinking water for about 400,000 people, according to the
        directorate. Until now, much of the city has relied on river water that becomes
        brackish in late summer, when the flow from upstream falls and seawater pushes
        inland.

        ## Losing water on the way

        Engineers at the directorate say that the city's network, much of it decades old,
        loses about a third of the water it carries through leaks and illegal connections.

        > Producing clean water is now the easy part. Getting it to the tap is the hard part.

        That was how Huda Sabah, a hydraulic engineer at the directorate, summed it up. A
        programme to replace the worst pipes in the old city centre starts next month.

        Residents in the Abu al-Khasib district, at the end of the network, said pressure
        remained low. "We have heard about the plant on the news," said one shopkeeper. "We
        have not heard it in our taps."

        <strong>Update:</strong> This story has been updated with the directorate's timetable
        for replacing pipes in Abu al-Khasib, which it published on Wednesday afternoon.
        """,
        comments=(
            (
                "Basrawi",
                "The plant is real progress. But yes, in Abu al-Khasib we still buy water from "
                "tankers.",
            ),
            (
                "Engineer S.",
                "A third lost to leaks is, sadly, a conservative estimate for networks that "
                "old. The pipe programme matters more than the plant.",
            ),
        ),
    ),
    Story(
        slug="mosul-old-city-families-return",
        headline="Families return to rebuilt homes in Mosul's old city",
        standfirst="Another 120 houses in the alleys near the river have been rebuilt in "
        "stone, and the first families have moved back in.",
        dateline="MOSUL",
        section="iraq",
        authors=("daniel-harker",),
        tags=("Mosul", "Reconstruction", "Heritage"),
        image="river",
        ago=46,
        body="""
        The smell of fresh lime plaster hangs in the narrow alleys of Mosul's old city, where
        120 more houses have been rebuilt and handed back to their owners this month.

        The houses, many of them more than a century old, were rebuilt by local stonemasons
        using the blue-grey marble of the region, under a programme funded by international
        donors and run with the city's heritage authority.

        Umm Yousif, who returned with her three grandchildren last week, said she had not
        believed the house would be hers again. "The courtyard is the same, the arch is the
        same," she said. "Only the door is new, and the door is beautiful."

        ## A neighbourhood, not a museum

        Planners say the aim is to bring people back, not to build a showpiece. Shops on the
        lanes towards the river are reopening, and a primary school nearby has reopened its
        doors.

        Still, many houses remain empty shells, and owners who cannot prove title face long
        delays. The heritage authority said it had set up a desk to help families with
        missing documents.
        """,
        comments=(
            ("Omar from Mosul", "The stonemasons of Mosul deserve a story of their own."),
            (
                "Sura",
                "My grandfather's house is still waiting. The document desk is a good idea, "
                "but it needs more staff.",
            ),
            (
                "Visitor",
                "I walked these alleys in the spring. Seeing children there again was moving.",
            ),
        ),
    ),
    Story(
        slug="grid-new-lines-southern-plants",
        headline="Grid operator promises fewer cuts as new lines link southern plants",
        standfirst="Two new high-voltage lines will let power flow from plants near Basra to "
        "the centre of the country, the electricity ministry says.",
        dateline="BAGHDAD",
        section="iraq",
        authors=("karwan-salih",),
        tags=("Electricity", "Energy", "Basra", "Baghdad"),
        image="chart",
        ago=98,
        body="""
        Two new 400-kilovolt transmission lines connecting power plants in the south to the
        national grid were switched on this week, the electricity ministry said, and should
        reduce scheduled cuts in the central provinces this summer.

        Until now, engineers say, power stations near Basra could not send all of their
        output north because the existing lines were already full on the hottest days.

        A ministry spokesperson said the lines would add the equivalent of about two hours
        of supply a day in Baghdad during the peak months, if the plants had enough fuel.

        ## If, and if

        That condition matters. Several plants depend on gas supplies that have been
        interrupted before, and some run at well below capacity for lack of maintenance.

        "A bigger pipe only helps if there is water in the tank," said Nawar Jasim, an
        energy consultant in Baghdad. "The lines are a real improvement. The fuel is the
        harder problem."
        """,
        comments=(
            ("Haider", "Two hours more a day in August would change our lives. We will see."),
            (
                "Noor",
                "Thank you for including the fuel problem. The ministry's press release left "
                "it out.",
            ),
        ),
    ),
    Story(
        slug="kirkuk-bridge-reopens",
        headline="Kirkuk's river bridge reopens after two years of repairs",
        standfirst="The bridge over the Khasa carries most of the traffic between the east "
        "and west of the city.",
        dateline="KIRKUK",
        section="iraq",
        authors=("daniel-harker", "layla-nuri"),
        tags=("Kirkuk", "Transport", "Infrastructure"),
        image="river",
        ago=145,
        status="unpublished",
        body="""
        The main bridge across the Khasa river in Kirkuk reopened to traffic on Sunday after
        two years of repairs, ending long detours for drivers crossing between the eastern
        and western halves of the city.

        Engineers replaced the bridge's bearings and resurfaced its deck, and added a
        pedestrian walkway on the northern side.

        Shopkeepers near the bridge said trade had fallen sharply during the closure. "People
        did not want to sit in traffic to reach us," said one. "Now they can walk."

        The provincial roads directorate said the bridge would be closed again for one night
        next month for a final inspection.
        """,
        comments=(),
    ),
    Story(
        slug="karbala-extra-trains-and-buses",
        headline="Extra trains and buses planned for the pilgrimage season",
        standfirst="The transport ministry will add night trains between Baghdad and Karbala "
        "and open temporary bus stations on the main roads.",
        dateline="KARBALA",
        section="iraq",
        authors=("daniel-harker",),
        tags=("Karbala", "Transport", "Pilgrimage"),
        image="newsprint",
        ago=200,
        body="""
        Iraq's transport ministry will run extra trains and more than 2,000 additional buses
        during the coming pilgrimage season, when millions of visitors travel to Karbala.

        Night trains will run between Baghdad and Karbala every two hours, and temporary bus
        stations will be set up on the three main roads into the city, with shuttle buses to
        the centre.

        The ministry said it had learned from last year, when some pilgrims waited for more
        than six hours to find a seat home.

        ## Advice for travellers

        1. Book train seats in advance at stations or on the railway company's website.
        2. Use the temporary bus stations rather than waiting at the roadside.
        3. Carry water: the walk from the bus stations to the centre can take an hour.

        Health authorities will run first-aid tents along the routes, and volunteers will
        again serve food and water at roadside stations, as they have for generations.
        """,
        comments=(
            (
                "Abbas",
                "Last year we waited seven hours in Karbala for a bus. If this works it is a "
                "big improvement.",
            ),
            ("Hussein J.", "The volunteers are the heart of it every year. God bless them."),
        ),
    ),
    Story(
        slug="southern-schools-start-earlier-heat",
        headline="Schools in the south to start an hour earlier as temperatures rise",
        standfirst="Lessons in Basra, Dhi Qar and Maysan will begin at 7am from next month, "
        "so that pupils are home before the hottest part of the day.",
        dateline="NASIRIYAH",
        section="iraq",
        authors=("hana-jalal",),
        tags=("Education", "Heat", "Basra", "Climate"),
        image="wheat",
        ago=260,
        body="""
        Schools in three southern provinces will start lessons an hour earlier from next
        month, the education directorates of Basra, Dhi Qar and Maysan said in a joint
        statement.

        Temperatures in the south regularly pass 45C in late spring, and many classrooms
        have no working air conditioning.

        Our analysis of weather records for Nasiriyah shows that the number of school days
        above 40C has roughly doubled over the past two decades.

        Parents' groups welcomed the change but said it was no substitute for shaded
        playgrounds, water fountains and reliable power in schools.
        """,
        comments=(
            (
                "Teacher in Amarah",
                "An hour earlier helps. Fans that work would help more. Half of ours are broken.",
            ),
        ),
    ),
    Story(
        slug="marshes-bird-count-more-species",
        headline="Bird count in the southern marshes finds more species than last year",
        standfirst="Volunteers recorded 96 species in a week of counting, helped by higher "
        "water levels after a wet winter.",
        dateline="CHIBAYISH",
        section="iraq",
        authors=("shilan-aziz",),
        tags=("Marshes", "Environment", "Wildlife", "Water"),
        image="river",
        ago=400,
        body="""
        Volunteers counting birds in the southern marshes recorded 96 species in a week this
        month, up from 81 at the same time last year, according to the local conservation
        group that organises the count.

        Higher water levels after a wet winter have brought back reed beds that had dried
        out, and with them herons, kingfishers and flocks of migrating ducks.

        "When the water comes back, everything comes back," said Abu Ali, a boatman who has
        guided the counters for six years. "The fish, the birds, and the visitors."

        The group warned that one good year does not make a trend, and that the marshes
        remain at the mercy of upstream dams and summer heat.

        ## How the count works

        Teams of two or three travel by boat along fixed routes at dawn and dusk, noting
        every bird they see or hear. Local fishermen and buffalo herders, who know the
        waterways best, guide the boats.

        The results will be shared with international bird-monitoring networks.
        """,
        comments=(
            (
                "Birdwatcher in Basra",
                "I joined the count for two days. Saw a pied kingfisher for the first time. "
                "Unforgettable.",
            ),
            (
                "Karim",
                "Good news, but the warning at the end is the real story. One dry summer and "
                "it is gone.",
            ),
            ("Layal", "Beautiful. More stories like this, please."),
        ),
    ),
]
