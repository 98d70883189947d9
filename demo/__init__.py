"""The demo newsroom: `manage.py load_demo` and `manage.py generate_scale`.

The content is data, in `demo/content/` (Markdown stories, TOML for the rest;
see its README). `content` reads it, `markup` turns a story's body into HTML,
`pictures` draws the lead images with Pillow, `loader` puts it all in the
database and `scale` generates benchmark data from it. Nothing else in the
project imports this app.
"""
