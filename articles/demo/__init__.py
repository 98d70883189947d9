"""Demo content for `manage.py load_demo`: a newsroom on an ordinary day.

`content` holds sections and authors, `stories_*` the articles, `comments`
the moderation queue, `pictures` the lead images drawn with Pillow, and
`loader` puts it all in the database.
"""
