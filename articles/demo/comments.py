"""Demo comments waiting for a moderator, and the few that were turned down.

Approved comments live with their stories; these are the moderators' queue.
"""

# (story slug, name, comment, hours before the load)
PENDING = [
    (
        "flash-flood-warning-duhok-zakho",
        "Dilovan",
        "Water is already over the road near the Zakho bridge. Please tell people to take "
        "the upper road.",
        0.3,
    ),
    (
        "budget-committee-sends-draft-back",
        "Hassan Q.",
        "Could you publish the committee's full statement? I would like to read the exact "
        "wording on the provinces.",
        1.1,
    ),
    (
        "northern-pipeline-exports-resume",
        "Kamal",
        "Routine checks that nobody announced in advance are not routine.",
        2.0,
    ),
    (
        "sulaimani-teachers-back-in-classrooms",
        "Parent in Chamchamal",
        "Our school in Chamchamal is still closed today. Is the agreement only for the city?",
        3.6,
    ),
    (
        "erbil-six-new-bus-routes",
        "Soran B.",
        "Will the buses have space for wheelchairs? My father cannot use the minibuses.",
        5.0,
    ),
    (
        "geneva-water-talks-resume",
        "Engineer from Mosul",
        "The measurement method matters more than anything else on that list. Good that it "
        "is first.",
        7.5,
    ),
    (
        "winter-kits-northeast-syria-returns",
        "Helen M.",
        "Our church group would like to help. Who should we contact?",
        6.0,
    ),
    (
        "basra-desalination-full-output",
        "Qusay",
        "Still no water pressure in our street in Abu al-Khasib this morning.",
        14.0,
    ),
    (
        "baghdad-booksellers-street-friday-crowds",
        "Anonymous",
        "This street was better twenty years ago. Now it is all selfies and coffee.",
        20.0,
    ),
    (
        "erbil-startup-fund-backs-ten-companies",
        "Jwan",
        "How do we apply for the next round? The article does not say.",
        26.0,
    ),
    (
        "citadel-eastern-gate-restoration",
        "Tour guide",
        "Is the gate open on Fridays too? I bring groups every weekend.",
        31.0,
    ),
]

# (story slug, name, comment, hours before the load, reason, moderator's note)
REJECTED = [
    (
        "erbil-startup-fund-backs-ten-companies",
        "Best Crypto Returns",
        "Why wait for a fund? Earn 300% in a week with our trading signals, message us now "
        "at the link in our profile!!!",
        22.0,
        "spam",
        "Commercial promotion.",
    ),
    (
        "budget-committee-sends-draft-back",
        "Angry reader",
        "The journalist who wrote this is an idiot who should find another job.",
        2.5,
        "personal-attack",
        "Personal attack on the reporter; guidelines, point 3.",
    ),
]

# Where demo commenters write from: documentation-only address ranges (RFC 5737).
IP_ADDRESSES = [
    "192.0.2.14",
    "192.0.2.87",
    "198.51.100.23",
    "198.51.100.140",
    "203.0.113.9",
    "203.0.113.201",
    "2001:db8::42",
]

USER_AGENTS = [
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.0 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
]
