"""Demo stories: Kurdistan section."""

from articles.demo.content import Story

STORIES = [
    Story(
        slug="flash-flood-warning-duhok-zakho",
        headline="Flash-flood warning for Duhok and Zakho as heavy rain moves in",
        standfirst="Forecasters expect up to 60 millimetres of rain by Wednesday morning. "
        "Residents near riverbeds are asked to move cars and keep children away from culverts.",
        dateline="DUHOK, Kurdistan Region",
        section="kurdistan",
        authors=("layla-nuri",),
        tags=("Duhok", "Zakho", "Weather", "Civil defence"),
        image="mountains",
        ago=0.8,
        breaking_hours=5,
        updated_after=None,
        body="""
        The Kurdistan Region's weather office issued a flash-flood warning for Duhok province
        on Tuesday afternoon, saying a band of heavy rain moving in from the northwest could
        bring up to 60 millimetres of rain to the mountains above Zakho and Amadiya before
        Wednesday morning.

        Civil defence teams have been placed on standby in Duhok city, Zakho and Semel, and
        the provincial directorate of education said schools would decide by 6am whether to
        open.

        > Most of the water comes down in the first two hours, and it comes down fast. People
        > should not try to cross a flooded road, even in a big car.

        That advice came from Azad Mirza, a duty officer at the civil defence operations room
        in Duhok, who said crews had cleared debris from the main culverts on the Duhok–Zakho
        road on Monday.

        ## What residents are asked to do

        - Move cars away from riverbeds and low bridges tonight.
        - Keep children away from culverts and drainage channels.
        - Call the civil defence line, 115, to report blocked roads or rising water.

        The warning is in force until noon on Wednesday. We will update this story as the
        weather office issues new forecasts.
        """,
        comments=(
            ("Dilan R.", "Thank you for the clear list. Sharing this with the family group."),
            (
                "Sherzad",
                "The culvert under the Malta road blocked last year too. Hope someone checks "
                "it before tonight.",
            ),
        ),
    ),
    Story(
        slug="sulaimani-teachers-back-in-classrooms",
        headline="Sulaimani teachers back in classrooms after pay agreement",
        standfirst="Teachers in Sulaimani province ended a two-week stoppage on Tuesday after "
        "the education ministry agreed a timetable for paying delayed salaries.",
        dateline="SULAIMANI, Kurdistan Region",
        section="kurdistan",
        authors=("shilan-aziz",),
        tags=("Sulaimani", "Education", "Salaries"),
        image="newsprint",
        ago=5.2,
        body="""
        Schools across Sulaimani province reopened on Tuesday morning after teachers' unions
        accepted a written timetable from the education ministry for paying two months of
        delayed salaries.

        Under the agreement, the first of the two outstanding payments will be made before the
        end of the month and the second within six weeks. The ministry also committed to
        publishing the payment dates on its website, a demand the teachers had made since
        the stoppage began.

        "We never wanted to keep children at home," said Bahar Omer, who teaches mathematics
        at a secondary school in the city and sits on the committee that negotiated the
        deal. "We wanted a date we could plan around. Now we have one in writing."

        ## Catching up on lost lessons

        Head teachers said the priority was the final-year students, whose national exams
        begin in spring. Several schools plan Saturday classes for the next month.

        A ministry spokesperson said the department would allow schools to shorten the
        mid-year holiday by up to a week if they needed the time.

        Parents outside one school in the Bakrajo district said they were relieved, but
        worried that the same dispute could return. "Every year it is the same story," said
        one father, who asked not to be named. "A deal, then another delay."
        """,
        comments=(
            (
                "Rozhan",
                "Good news for the children, but a timetable is only worth something if it is "
                "kept. Please follow up at the end of the month.",
            ),
            ("Kawa M.", "Saturday classes are a fair idea for the final year students."),
            (
                "A teacher in Ranya",
                "Our district was not mentioned at all. We returned too, and we are waiting "
                "for the same payments.",
            ),
        ),
    ),
    Story(
        slug="erbil-six-new-bus-routes",
        headline="Erbil adds six bus routes as the new ring road lanes open",
        standfirst="The city's transport directorate says the routes will link the outer "
        "neighbourhoods to the universities and the citadel for a flat fare.",
        dateline="ERBIL, Kurdistan Region",
        section="kurdistan",
        authors=("layla-nuri", "hana-jalal"),
        tags=("Erbil", "Transport", "Cities"),
        image="citadel",
        ago=9.5,
        body="""
        Erbil will run six new bus routes from Sunday, using the extra lanes on the city's
        120-metre ring road that opened to traffic this week, the municipal transport
        directorate said.

        The routes link the fast-growing neighbourhoods on the edge of the city with the
        universities, the main hospitals and the citadel. A single fare of 500 dinars will
        apply on all of them, and buses will run every 12 minutes at peak times.

        ## Where the buses go

        - Route 11: Baharka to Salahaddin University, via the ring road.
        - Route 12: Kasnazan to the citadel.
        - Routes 13 and 14: Daratu to the hospital district, in both directions around the city.
        - Routes 15 and 16: Ainkawa to the new industrial area, mornings and evenings only.

        Our analysis of the directorate's own figures shows that about one in four Erbil
        residents lives within a ten-minute walk of one of the new stops.

        "For years the answer was to build more roads for more cars," said Sirwan Dler, an
        urban planner who has advised the municipality. "This is the first time the new
        road space is being given to buses first."

        Drivers' associations have welcomed the routes but asked for clearer rules on where
        taxis may stop near the new bus bays.
        """,
        comments=(
            ("Aras", "Finally. Route 12 will save me forty minutes a day."),
            (
                "Nazanin K.",
                "Twelve minutes at peak is good, but what about evenings? Many of us work late "
                "shifts at the hospitals.",
            ),
            (
                "Peter W.",
                "Visiting Erbil next month, so this is useful. Is there a map of the stops "
                "anywhere?",
            ),
            (
                "Hawre",
                "500 dinars is fair. The real test is whether the buses keep to the timetable "
                "in summer.",
            ),
        ),
    ),
    Story(
        slug="halabja-pomegranate-growers-new-buyers",
        headline="Halabja's pomegranate growers look further afield for buyers",
        standfirst="A cold store and a packing line opened this autumn let farmers hold their "
        "fruit for weeks instead of selling it at the gate for whatever traders offer.",
        dateline="HALABJA, Kurdistan Region",
        section="kurdistan",
        authors=("shilan-aziz",),
        tags=("Halabja", "Agriculture", "Exports"),
        image="market",
        ago=30,
        body="""
        For as long as Hama Karim can remember, the end of the pomegranate harvest in
        Halabja has meant a race: pick the fruit, pile it by the road and sell it to whoever
        stops, before it splits in the sun.

        This year, for the first time, he has stored half of his crop in a cold store on the
        edge of the town, opened in September by a cooperative of 140 growers.

        "I sold the first half at the old price," he said, standing among crates stamped with
        the cooperative's name. "The second half I will sell in December, when the markets in
        Erbil and Baghdad have no fresh fruit."

        ## From the gate to the shelf

        The cooperative's packing line grades fruit by size and colour, which growers say
        has opened doors to supermarkets that would not buy loose produce. A first lorry
        load went to a supermarket chain in Baghdad last week.

        Farmers still face high transport costs and long waits at internal checkpoints,
        which can cost a day on the road. The cooperative is asking the provincial
        authorities for a fast lane for refrigerated lorries.

        Halabja's growers produce an estimated 30,000 tonnes of pomegranates in a good year,
        according to the local agriculture directorate. A festival celebrating the fruit is
        planned for next month.
        """,
        comments=(
            (
                "Soma",
                "The pomegranates from Halabja are the best in the world, and I am not even "
                "from there. Glad to see them in Baghdad shops.",
            ),
            (
                "Farhad A.",
                "A cold store helps, but the checkpoint delays are the real problem and this "
                "article only gives them one paragraph.",
            ),
        ),
    ),
    Story(
        slug="young-doctors-rural-clinics-plan",
        headline="Young doctors to spend first year in rural clinics under new plan",
        standfirst="The Kurdistan Region's health ministry wants to fill 300 empty posts in "
        "village clinics; graduates will get housing and a bonus, but some say it is not "
        "enough.",
        dateline="ERBIL, Kurdistan Region",
        section="kurdistan",
        authors=("shilan-aziz", "layla-nuri"),
        tags=("Health", "Erbil", "Villages"),
        image="mountains",
        ago=75,
        updated_after=3.5,
        body="""
        Newly qualified doctors in the Kurdistan Region will spend their first year of
        service in rural clinics from next year, under a plan announced by the health
        ministry on Sunday.

        The ministry says about 300 posts in village and small-town clinics are empty or
        filled only part of the week, mostly in mountain districts far from the cities.

        Graduates assigned to rural clinics will receive free housing, a monthly bonus and
        priority in applying for specialist training afterwards.

        ## A mixed welcome

        Medical students' associations said they supported the aim but wanted to see the
        housing before they believed in it.

        > A doctor alone in a clinic with no nurse, no laboratory and a road that closes in
        > winter cannot do much. Send us, yes, but send the team as well.

        That was the view of Lana Rauf, a sixth-year student in Sulaimani, who said many of
        her classmates were already looking at jobs abroad.

        Village heads in Soran and Choman districts welcomed the plan. Several said families
        now drive for two hours or more to see a doctor.

        <strong>Update:</strong> After this story was published, the ministry said nurses and
        laboratory technicians would also be offered rural posts under the same terms.
        """,
        comments=(
            (
                "Dr. Karzan",
                "I did two years in a village clinic near Mergasur. Hardest and best years of "
                "my career. The bonus matters less than a working ambulance.",
            ),
            ("Bestun", "Good that the update mentions nurses. That was the missing piece."),
            (
                "Lana's classmate",
                "Priority for specialist training is the part that will actually convince people.",
            ),
        ),
    ),
    Story(
        slug="volunteer-fire-crews-ask-for-radios",
        headline="Volunteer fire crews in the mountains ask for training and radios",
        standfirst="After a summer of grass fires, village volunteers say they are the first "
        "on the scene but the last to be equipped.",
        dateline="AMEDI, Kurdistan Region",
        section="kurdistan",
        authors=("layla-nuri",),
        tags=("Duhok", "Environment", "Civil defence", "Villages"),
        image="mountains",
        ago=120,
        body="""
        When smoke rose above the oak woods behind his village in August, Jotyar Salim and a
        dozen neighbours climbed the slope with shovels, wet sacks and a single water tank
        on the back of a pickup.

        They held the fire for four hours until a civil defence engine could reach them on a
        track that was never built for it.

        Now the volunteers from a cluster of villages near Amedi have written to the
        provincial authorities asking for basic training, hand-held radios and protective
        clothing.

        "We are not asking for a fire station," said Salim. "We are asking to be able to
        talk to each other on the mountain, and not to fight fires in our everyday shoes."

        Civil defence officials in Duhok said they were preparing a training course for
        village volunteers in the spring and would look at equipment within next year's
        budget.
        """,
        comments=(
            (
                "Ahmad from Amedi",
                "These men saved the woods above our village. Give them radios, it is the "
                "least we can do.",
            ),
        ),
    ),
    Story(
        slug="erbil-hourly-air-quality-readings",
        headline="Erbil to publish hourly air-quality readings from 20 sensors",
        standfirst="Readings will appear on a public map, and the environment board says it "
        "will issue alerts on days of heavy dust or smog.",
        dateline="ERBIL, Kurdistan Region",
        section="kurdistan",
        authors=("hana-jalal",),
        tags=("Erbil", "Environment", "Air quality", "Data"),
        image="citadel",
        ago=170,
        body="""
        Erbil's environment board will publish hourly air-quality readings from 20 sensors
        around the city from next month, giving residents their first regular public
        measure of the dust and smoke many complain about.

        The sensors measure fine particles, the kind most linked to breathing problems. They
        have been installed on schools, clinics and municipal buildings, including three
        along the busiest stretches of the 60-metre road.

        ## Why it matters

        Fine particle levels in the region's cities often rise sharply during dust storms
        and on still winter evenings, when generator exhaust and traffic fumes hang low over
        the streets.

        "You cannot fix what you do not measure," said Dr. Rewaz Hamid, a chest physician
        who has campaigned for public data. "People with asthma will be able to look at the
        map and decide whether to take their children to the park."

        The board said it would publish the raw data as well as the map, so that
        universities and journalists could study it. We will.
        """,
        comments=(
            (
                "Chro",
                "Please also put a sensor near the industrial area on the Kirkuk road. That is "
                "where the air is worst.",
            ),
            ("Ibrahim", "Raw data as well as a map: well done. More of this, please."),
            (
                "Sarkawt",
                "Measuring is nice but the generators are the problem. When will we have "
                "24-hour electricity?",
            ),
        ),
    ),
    Story(
        slug="duhok-university-24-hour-library",
        headline="Duhok university opens its library around the clock for exam season",
        standfirst="Students asked for a quiet, lit and heated place to study at night. The "
        "university found the money in its own budget.",
        dateline="DUHOK, Kurdistan Region",
        section="kurdistan",
        authors=("layla-nuri",),
        tags=("Duhok", "Education", "Students"),
        image="newsprint",
        ago=240,
        body="""
        The central library at the University of Duhok will stay open 24 hours a day for
        the six weeks of the winter exam season, after a petition signed by more than 2,000
        students.

        Many students share crowded homes or dormitories where power cuts make studying at
        night difficult. The library has its own generator and heating.

        "In my house there are nine people and one heater," said Rojin, a third-year
        engineering student. "Here it is quiet and warm and the lights stay on."

        Two extra security guards and a night librarian will be on duty. The university said
        it had paid for the longer hours by cancelling a planned redecoration of its
        administration building.
        """,
        comments=(
            ("Nechirvan S.", "Cancelling the redecoration to pay for this is the right call."),
            (
                "Former student",
                "We asked for this ten years ago. Better late than never. Good luck in your "
                "exams, everyone.",
            ),
        ),
    ),
    Story(
        slug="koya-families-rooftop-solar",
        headline="Koya families turn to rooftop solar as generator bills climb",
        standfirst="Panels that once only hospitals and hotels could afford are appearing on "
        "ordinary homes, helped by cheaper imports and a local installer who offers "
        "instalments.",
        dateline="KOYA, Kurdistan Region",
        section="kurdistan",
        authors=("karwan-salih",),
        tags=("Koya", "Energy", "Solar power", "Electricity"),
        image="chart",
        ago=300,
        body="""
        On a clear morning in Koya, the roofs of the Shaqlawa Street neighbourhood glitter.
        Two years ago only the mosque and a clinic had solar panels. Now more than forty
        houses do.

        The reason, residents say, is simple arithmetic. A family paying a private
        generator owner for eight amperes through the long summer evenings spends more in a
        year than a small solar system now costs.

        ## Paying in instalments

        Much of the change is down to one business. Zana Kakl, an electrical engineer who
        returned to Koya from Germany, sells and installs systems that families pay for over
        two years.

        "I did the sums for my mother's house first," he said. "Then the neighbours asked me
        to do the sums for them."

        A basic system of six panels and a battery can keep lights, fans, a fridge and a
        television running through most power cuts, he said, though not an air conditioner.

        ## Limits

        Installers warn that cheap panels of unknown origin are flooding the market, and
        that some batteries sold as new are refurbished. The Kurdistan Region has no
        standard yet for home solar systems.

        The electricity ministry has said it is drafting rules that would let households
        sell surplus power to the grid, but no date has been set.
        """,
        comments=(
            (
                "Goran",
                "We installed panels last spring. The generator bill dropped by two thirds. "
                "Best money we ever spent.",
            ),
            (
                "Shwan A.",
                "Be careful with the cheap batteries, the article is right. Ours died after "
                "five months.",
            ),
            (
                "Mariwan",
                "Why is it always families that have to solve the electricity problem "
                "themselves? The government should be doing this at scale.",
            ),
        ),
    ),
    Story(
        slug="citadel-eastern-gate-restoration",
        headline="Restorers finish first phase of work on the citadel's eastern gate",
        standfirst="Craftsmen trained in traditional brick-making rebuilt the arch using "
        "bricks fired to match the originals.",
        dateline="ERBIL, Kurdistan Region",
        section="culture",
        authors=("rezan-baban",),
        tags=("Erbil", "Heritage", "Citadel"),
        image="citadel",
        ago=50,
        body="""
        The eastern gate of Erbil's citadel, closed to visitors for two years, will reopen
        next week after restorers finished rebuilding its arch and the passage behind it.

        The team of 25 craftsmen and engineers made more than 40,000 bricks by hand, fired in
        a kiln built on site to match the colour and size of the originals.

        "The old builders used what they had around them: earth, straw, fire," said Shirin
        Ahmed, the architect who led the work. "We learned to do the same, and it took us a
        year just to get the bricks right."

        ## What comes next

        The second phase, due to start in the spring, will restore a row of houses inside
        the gate that were once home to merchants' families. The heritage commission hopes
        to open some of them as small museums and workshops.

        Visitors will be able to walk through the gate from Sunday. Entry to the citadel
        remains free.
        """,
        comments=(
            ("Rebwar", "Beautiful work. I walked past yesterday and the brick colour is perfect."),
            (
                "Tourist from Istanbul",
                "We visited last month and the gate was covered in scaffolding. Now we have a "
                "reason to come back.",
            ),
            (
                "Kurdish architect abroad",
                "Training young people to make bricks the old way is the real achievement here.",
            ),
            (
                "Hêvî",
                "Hopefully the houses inside will be for local crafts and not only cafés.",
            ),
        ),
    ),
]
