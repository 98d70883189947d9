"""Demo stories: Business and Culture sections."""

from articles.demo.content import Story

STORIES = [
    Story(
        slug="northern-pipeline-exports-resume",
        headline="Oil exports through the northern pipeline resume after technical checks",
        standfirst="Flows restarted at a reduced rate on Tuesday morning and should reach "
        "normal levels within three days, the pipeline operator says.",
        dateline="ERBIL, Kurdistan Region",
        section="business",
        authors=("karwan-salih",),
        tags=("Oil and gas", "Exports", "Energy", "Erbil"),
        image="oilfield",
        ago=4,
        updated_after=2.5,
        body="""
        Crude oil began flowing again through the northern export pipeline on Tuesday
        morning, after a four-day stoppage for what the operator described as routine
        technical checks on pumping stations along the route.

        Flows restarted at about half the usual rate and will be raised in steps over the
        next three days, the operator said in a statement.

        ## Why the pause mattered

        Oil sales pay for most of the public budget, including salaries. Even a short
        interruption is watched closely by traders, and by civil servants who remember
        months of delayed pay.

        "Four days is not a crisis," said Shanaz Rashid, an energy analyst in Erbil. "But
        people here have learned to worry whenever the pipeline goes quiet, and the
        communication around this stop was poor."

        Producers operating in the Kurdistan Region said their fields had continued to
        pump into storage during the stoppage and that no output had been lost.

        <strong>Update:</strong> The operator said at 2pm that flows had reached 70 percent of
        the normal rate, ahead of its own schedule.
        """,
        comments=(
            (
                "Trader",
                "The market barely noticed, but a little more notice from the operator would "
                "have saved a lot of rumours.",
            ),
            (
                "Civil servant",
                "Every time the pipeline stops, we think of our salaries. Thank you for the update.",
            ),
        ),
    ),
    Story(
        slug="erbil-startup-fund-backs-ten-companies",
        headline="Erbil start-up fund backs ten young companies",
        standfirst="A delivery app for village shops, a clinic-booking service and a "
        "company that recycles cooking oil are among the first to receive money.",
        dateline="ERBIL, Kurdistan Region",
        section="business",
        authors=("karwan-salih",),
        tags=("Erbil", "Start-ups", "Technology", "Jobs"),
        image="chart",
        ago=28,
        body="""
        A start-up fund set up by a group of Erbil business families and returning diaspora
        investors announced its first ten investments on Monday, putting between $50,000 and
        $250,000 into each company.

        The fund's managers said they received more than 400 applications, a sign, they
        said, of how many young people want to build companies at home rather than leave.

        ## The first ten include

        - A delivery app that lets village shops order stock from city wholesalers.
        - An online booking service for private clinics in Erbil and Duhok.
        - A company that collects used cooking oil from restaurants and turns it into
        biodiesel.
        - A Kurdish-language learning app for children in the diaspora.

        Founders said the hardest problems were not money but payments and paperwork:
        online card payments remain rare, and registering a company still takes weeks.

        "We can build the app in a month," said Sarwar Ali, the 27-year-old founder of the
        delivery service. "Getting a bank account for the company took us three."
        """,
        comments=(
            (
                "Founder in Sulaimani",
                "Congratulations to them. Please open the next round to Sulaimani companies too.",
            ),
            (
                "Dana",
                "Three months for a bank account. That sentence explains our whole economy.",
            ),
            ("Investor", "The cooking-oil business is a clever one. Good luck."),
        ),
    ),
    Story(
        slug="date-exporters-chase-new-markets",
        headline="Date exporters chase new markets as the harvest comes in strong",
        standfirst="Growers in the central provinces say quality has improved, but packaging "
        "and cold chains still hold them back.",
        dateline="HILLA",
        section="business",
        authors=("karwan-salih", "daniel-harker"),
        tags=("Agriculture", "Exports", "Dates", "Babylon"),
        image="river",
        ago=70,
        body="""
        Iraq's date growers are bringing in one of their best harvests in years, and
        exporters say they are finding buyers in markets that once took little Iraqi fruit.

        Palm groves in Babylon and Karbala provinces have benefited from replanting schemes
        and better pest control, according to growers, and several packing houses have
        installed new sorting machines.

        "Ten years ago we sold everything in sacks," said Abu Hassan, who runs a packing
        house near Hilla. "Now we sell in boxes with a label, and the price is double."

        Exporters say the main obstacles are the cost of refrigerated transport and long
        clearance times at ports and borders.
        """,
        comments=(
            ("Date lover", "Iraqi dates are the best. Glad to see them in boxes with labels now!"),
        ),
    ),
    Story(
        slug="wheat-prices-ease-millers-cheaper-flour",
        headline="Wheat prices ease, and millers expect cheaper flour by spring",
        standfirst="Lower world prices and a good local harvest should ease bread costs, but "
        "bakers say energy bills are rising faster than flour is falling.",
        dateline="BAGHDAD",
        section="business",
        authors=("hana-jalal", "karwan-salih"),
        tags=("Wheat", "Food prices", "Agriculture", "Economy"),
        image="wheat",
        ago=110,
        body="""
        World wheat prices have fallen for a fourth month in a row, and millers in Iraq say
        the price of flour should come down by spring if the trend holds.

        A good local harvest has also reduced the need for imports, according to the trade
        ministry's grain board.

        ## Bread is not only flour

        Bakers are less optimistic. Flour accounts for less than half of the cost of a
        loaf, they say, and the price of fuel for ovens and generators has risen.

        "If flour falls by ten percent, my bread costs maybe three percent less to make,"
        said Adnan, who runs a bakery in Baghdad's Karrada district. "My electricity bill
        went up by more than that last month."

        Our own check of bread prices in twelve bakeries across Baghdad found the price of a
        standard bag unchanged since the summer.
        """,
        comments=(
            (
                "Economist",
                "Good explanation of why world prices take so long to reach the shop. Thank "
                "you for the bakery check too.",
            ),
            (
                "Karrada resident",
                "Adnan's bread is the best in Karrada. Please do not raise the price!",
            ),
        ),
    ),
    Story(
        slug="mountain-hotels-record-spring",
        headline="Hotels in the mountains report a record spring",
        standfirst="Visitors from the south of Iraq filled hotels in Shaqlawa, Soran and "
        "Amedi, and owners are adding rooms for the summer.",
        dateline="SHAQLAWA, Kurdistan Region",
        section="business",
        authors=("karwan-salih", "layla-nuri"),
        tags=("Tourism", "Shaqlawa", "Jobs"),
        image="mountains",
        ago=190,
        body="""
        Hotels in the Kurdistan Region's mountain resorts had their busiest spring on record,
        according to the region's tourism board, with most of the visitors coming from
        Baghdad and the southern provinces.

        In Shaqlawa, owners said they had been fully booked for every weekend from March to
        May, and several are adding rooms before the summer season.

        "Families come for the cool air and the waterfalls, and they come back every year,"
        said Jamal Aziz, who runs a 40-room hotel on the road to Gali Ali Beg. "Now they
        bring their cousins."

        The tourism board said roads, rubbish collection and water supply in the resorts
        needed to keep up with the numbers. Local residents have complained of traffic jams
        on holiday weekends.
        """,
        comments=(
            (
                "Visitor from Baghdad",
                "We went to Shaqlawa in April. Beautiful, friendly, but yes, the traffic was "
                "terrible.",
            ),
            ("Hotel worker", "Busy spring, but please also write about wages in the hotels."),
        ),
    ),
    Story(
        slug="gold-prices-lighter-wedding-jewellery",
        headline="High gold prices send wedding shoppers to lighter jewellery",
        standfirst="Jewellers in Erbil's gold market say families are buying the same number "
        "of pieces, but thinner and hollow.",
        dateline="ERBIL, Kurdistan Region",
        section="business",
        authors=("hana-jalal",),
        tags=("Erbil", "Gold", "Economy", "Weddings"),
        image="market",
        ago=16,
        body="""
        In the gold market beneath Erbil's citadel, the bracelets in the windows look much
        the same as last year. Pick one up, jewellers say, and you will feel the difference.

        With the price of gold near record highs, families buying wedding sets are choosing
        hollow bracelets, thinner chains and pieces set with coloured stones, so that the
        set still looks generous for less metal.

        "The bride wants the same number of pieces as her sister had," said Nabaz, whose
        family has sold gold in the market for three generations. "So we make the pieces
        lighter."

        Gold remains a store of savings for many families, and jewellers said that buying to
        keep, rather than to wear, had slowed but not stopped.
        """,
        comments=(
            ("Bride-to-be", "This is exactly our family's conversation this month, ha."),
            (
                "Saman",
                "Hollow gold loses value when you sell it. People should know that before "
                "they buy.",
            ),
        ),
    ),
    Story(
        slug="sulaimani-direct-flights-europe",
        headline="New direct flights to link Sulaimani with two European cities",
        standfirst="A regional carrier will fly twice a week to Düsseldorf and Stockholm from "
        "March, cutting out a change of plane in Istanbul.",
        dateline="SULAIMANI, Kurdistan Region",
        section="business",
        authors=("shilan-aziz",),
        tags=("Sulaimani", "Aviation", "Diaspora", "Tourism"),
        image="port",
        ago=220,
        body="""
        Zagros Wings, a small regional carrier, will start twice-weekly direct flights from
        Sulaimani to Düsseldorf and Stockholm in March, the airport's management said.

        Both cities are home to large Kurdish communities, and travel agents in Sulaimani
        said families currently spend up to twelve hours travelling with a change of plane.

        The airline plans to use a single leased aircraft for both routes and said it would
        add a third city if the first season went well.

        Return fares will start at about the price of the current one-stop tickets, the
        airline said, with a larger baggage allowance for passengers travelling to visit
        family.
        """,
        comments=(
            (
                "Stockholm Kurd",
                "Finally! My parents are too old for the Istanbul connection. We will book the "
                "first flight.",
            ),
        ),
    ),
    Story(
        slug="salaries-by-card-million-accounts",
        headline="Salaries by card: banks sign up a million new account holders",
        standfirst="The switch from cash to cards for public salaries is bringing people into "
        "the banking system for the first time.",
        dateline="BAGHDAD",
        section="business",
        authors=("karwan-salih", "hana-jalal"),
        tags=("Banking", "Salaries", "Technology"),
        image="chart",
        ago=7,
        status="draft",
        body="""
        More than a million public employees have opened bank accounts this year as
        ministries switch from paying salaries in cash to paying them onto cards.

        [Figures from the central bank to come; check the million against the latest
        report.]

        Shops in Baghdad say card payments are rising, but many customers still withdraw
        their whole salary on the first day.
        """,
        comments=(),
    ),
    Story(
        slug="southern-port-container-traffic-grows",
        headline="Container traffic at the southern port grows for a third year",
        standfirst="The port handled more containers than ever, and shipping agents say "
        "faster customs clearance is the reason.",
        dateline="UMM QASR",
        section="business",
        authors=("karwan-salih",),
        tags=("Basra", "Ports", "Trade"),
        image="port",
        ago=55,
        status="draft",
        body="""
        Container traffic through the port at Umm Qasr grew for a third year in a row,
        according to figures from the port company.

        [Karwan: add the comparison with last year and the quote from the shipping agent.]
        """,
        comments=(),
    ),
    Story(
        slug="erbil-short-film-festival-entries",
        headline="Erbil's short-film festival draws entries from 30 countries",
        standfirst="More than 600 films were submitted this year. Forty will be screened over "
        "five evenings, free, in the open air.",
        dateline="ERBIL, Kurdistan Region",
        section="culture",
        authors=("rezan-baban",),
        tags=("Erbil", "Film", "Festivals"),
        image="lights",
        ago=6,
        body="""
        Erbil's short-film festival opens on Thursday with 40 films selected from more than
        600 entries from 30 countries, its organisers said, the most the festival has
        received since it began.

        Screenings will take place in the open air in a park near the citadel, and entry is
        free. Films in languages other than Kurdish will be shown with Kurdish and English
        subtitles.

        ## Highlights

        - A Duhok-made animated film about a boy who collects broken radios.
        - A documentary on the last boat builders of the southern marshes.
        - A comedy from Sulaimani about two brothers trying to sell a car that does not
        exist.

        "Short films are where young directors start," said Tara Jamal, the festival
        director. "We want them to see their work on a big screen, in front of a real
        audience, in their own city."

        The festival ends on Monday with an audience award chosen by people's votes on the
        night.
        """,
        comments=(
            ("Film student", "So happy my friend's film was selected. See you all in the park!"),
            (
                "Roj",
                "Free and open-air is exactly right. Last year it was packed every night.",
            ),
            (
                "Hozan",
                "Please put the schedule on the website in good time. Last year we missed "
                "half of it.",
            ),
        ),
    ),
    Story(
        slug="baghdad-booksellers-street-friday-crowds",
        headline="Friday crowds return to Baghdad's booksellers' street",
        standfirst="Poets, students and collectors fill the street every week again. Sellers "
        "say young readers are buying more novels than ever.",
        dateline="BAGHDAD",
        section="culture",
        authors=("rezan-baban", "daniel-harker"),
        tags=("Baghdad", "Books", "Reading"),
        image="newsprint",
        ago=35,
        body="""
        By nine on a Friday morning, the old street of booksellers in central Baghdad is
        already hard to walk along. Books are stacked on tables, on blankets, on car
        bonnets; someone is reading poetry aloud at the far end.

        Booksellers say the crowds are the biggest they have seen in years, and younger than
        ever.

        "Students buy novels now, not only textbooks," said Ustadh Kadhim, who has sold
        books on the street for more than forty years. "Translations, crime stories,
        science fiction. They ask me for books I have never heard of."

        ## A place to talk

        For many visitors, the books are only part of it. The cafés at the end of the street
        fill with discussions that go on well into the afternoon.

        > You come for one book and leave with three, and an argument.

        That was the verdict of Maryam, a literature student who comes every week with her
        friends.

        Sellers worry about rents and about the cost of importing books, but most say that
        on Fridays, at least, business is good.
        """,
        comments=(
            (
                "Bookworm",
                "One book, three books and an argument: that is every Friday of my student years.",
            ),
            (
                "Ustadh Kadhim's customer",
                "He found me a book I had been looking for for ten years. A treasure of a man.",
            ),
            (
                "Reader in London",
                "I miss this street. Thank you for taking me there for a few minutes.",
            ),
            (
                "Ammar",
                "Nice piece, but it is not new that young people read. They always did. "
                "Journalists just did not notice.",
            ),
            (
                "Yasmin",
                "Please write about the publishers too. Printing in Iraq has become so expensive.",
            ),
            ("Zaid", "Going this Friday. Who wants to meet at the café?"),
        ),
    ),
    Story(
        slug="radio-archive-kurdish-songs-online",
        headline="A radio archive of Kurdish songs goes online",
        standfirst="Thousands of recordings, some on tapes that were close to crumbling, can "
        "now be heard free of charge.",
        dateline="SULAIMANI, Kurdistan Region",
        section="culture",
        authors=("rezan-baban",),
        tags=("Music", "Heritage", "Sulaimani", "Archives"),
        image="lights",
        ago=84,
        body="""
        More than 6,000 recordings of Kurdish songs, stories and radio plays, some dating
        back more than sixty years, can now be heard online free of charge, after a three-year
        project to digitise a radio station's archive.

        The recordings had been stored on tapes in a basement, where heat and damp had
        begun to destroy them. A team of volunteers and two sound engineers cleaned, copied
        and catalogued each one.

        "Some tapes we could play only once," said Awat Hussein, one of the engineers. "We
        had one chance to copy them before they fell apart."

        ## What you can find

        - Folk songs recorded in villages, with the singers' names where they are known.
        - Radio plays and children's programmes.
        - Interviews with poets and musicians.

        The team is asking listeners to help identify singers and places in recordings
        where the details have been lost.
        """,
        comments=(
            (
                "Bahar",
                "I heard my grandmother's voice. She sang on a children's programme in the "
                "1970s. I cried.",
            ),
            (
                "Musicologist",
                "An extraordinary resource. The catalogue is well done too: searchable by "
                "region and instrument.",
            ),
            ("Dlshad", "Thank you to the volunteers. This is our memory."),
        ),
    ),
    Story(
        slug="sulaimani-theatre-troupe-comedy-tour",
        headline="Sulaimani theatre troupe takes its comedy on the road",
        standfirst="A play about a family waiting for a generator repairman will tour twelve "
        "towns, performing in school halls and wedding venues.",
        dateline="SULAIMANI, Kurdistan Region",
        section="culture",
        authors=("rezan-baban", "shilan-aziz"),
        tags=("Theatre", "Sulaimani", "Comedy"),
        image="lights",
        ago=160,
        body="""
        A comedy about a family waiting all summer for the generator repairman has sold out
        every performance in Sulaimani, and its troupe is now taking it on tour to twelve
        towns across the Kurdistan Region.

        With few theatres outside the big cities, the actors will perform in school halls,
        community centres and, in two towns, wedding venues.

        "Everybody knows this family," said Sakar Rauf, who wrote the play and plays the
        grandmother. "Everybody has waited for that repairman."

        Tickets cost the same as a cinema ticket, and children under twelve go free.
        """,
        comments=(
            (
                "Nyaz",
                "We saw it in Sulaimani and laughed until we cried. The grandmother steals "
                "the show.",
            ),
            ("Ranya resident", "Please add Ranya to the tour!"),
        ),
    ),
    Story(
        slug="duhok-young-painters-empty-cinema",
        headline="Young painters fill an empty cinema in Duhok",
        standfirst="A disused cinema has become a gallery for a month, showing the work of 35 "
        "artists under thirty.",
        dateline="DUHOK, Kurdistan Region",
        section="culture",
        authors=("rezan-baban",),
        tags=("Duhok", "Art", "Exhibitions"),
        image="market",
        ago=125,
        body="""
        For years the old cinema on Duhok's main street was a place people walked past. This
        month, queues are forming outside it again.

        A collective of young artists has turned the building into a temporary gallery,
        hanging paintings, photographs and sculptures in the foyer, the projection room and
        the auditorium itself.

        "There are almost no galleries for young artists in the city," said Evin Sadiq, a
        painter who organised the show. "So we found an empty building and asked nicely."

        The owners agreed to lend it for a month. The artists hope the response will
        convince the municipality to turn it into a permanent arts centre.
        """,
        comments=(
            ("Art teacher", "Three of my former students are in this show. Proud!"),
            (
                "Duhok resident",
                "Lovely idea, but the building needs real repairs before it is safe for crowds.",
            ),
        ),
    ),
    Story(
        slug="kurdish-english-dictionary-twenty-years",
        headline="A Kurdish–English dictionary, twenty years in the making",
        standfirst="Two retired teachers finished what they started in a school staff room: "
        "120,000 entries, with examples from poetry and everyday speech.",
        dateline="ERBIL, Kurdistan Region",
        section="culture",
        authors=("rezan-baban", "layla-nuri"),
        tags=("Books", "Language", "Erbil"),
        image="newsprint",
        ago=470,
        body="""
        It began with an argument in a school staff room about how to translate a single
        word. Twenty years later, two retired teachers have published a dictionary of
        120,000 entries.

        The dictionary covers the main Kurdish dialects, and gives examples from poetry,
        newspapers and everyday speech for each meaning, which its authors say is what
        learners most need.

        "A word is not a translation," said Kawthar Mahmoud, one of the two authors. "A word
        is the sentences it lives in."

        The first printing of 2,000 copies sold out in a month. A free online version is
        planned for next year.
        """,
        comments=(
            (
                "Translator",
                "This dictionary is already on my desk. The examples are what make it special.",
            ),
            (
                "Learner in Canada",
                "Please hurry with the online version, shipping to Canada is impossible!",
            ),
            ("Former pupil", "Mamosta Kawthar taught me English in 2004. So proud of her."),
        ),
    ),
    Story(
        slug="grandmothers-recipes-surprise-bestseller",
        headline="A grandmother's recipes become the year's surprise bestseller",
        standfirst="A cookbook written by a granddaughter from her grandmother's dictation "
        "has sold more copies than any novel in Erbil's bookshops this year.",
        dateline="ERBIL, Kurdistan Region",
        section="culture",
        authors=("rezan-baban",),
        tags=("Food", "Books", "Erbil"),
        image="market",
        ago=-3,
        body="""
        Nobody in Gulistan Hamad's family ever wrote down a recipe. Her grandmother cooked by
        hand and eye: a handful of this, a glass of that, until it smells right.

        So over two winters, Gulistan sat in her grandmother's kitchen with a notebook and a
        set of kitchen scales, weighing every handful before it went into the pot.

        The result, a cookbook of 90 family recipes from dolma to the sweet pastries made for
        spring festivals, has become the best-selling book in Erbil's bookshops this year.

        ## A handful, measured

        "The hardest part was the rice," Gulistan said. "My grandmother never measured it.
        It took us six tries to find her quantity, and she said all six were wrong."

        The book also records the stories behind the dishes: which were made for weddings,
        which for mourning, which only when a particular neighbour visited.

        Her grandmother, now 88, has a simple explanation for the book's success. "People
        are hungry," she said.

        ## Three recipes readers asked for most

        1. Stuffed vine leaves with sour plums.
        2. Lentil soup with dried mint.
        3. Walnut pastries for spring.
        """,
        comments=(),
    ),
]
