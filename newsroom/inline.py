"""Inline scripts allowed by the Content Security Policy, by their hash.

The reader's chosen text size and colour scheme must apply before first
paint, so they cannot wait for an external script. This tiny script reads
them from localStorage and sets data attributes on <html> (static/js/
textsize.js and reader.js keep them); the policy allows exactly this text and
no other inline code.
"""

import base64
import hashlib

TEXT_SIZE_STEPS = 5  # classes text-size-0 .. text-size-4; 1 is the default
TEXT_SIZE_DEFAULT = 1

READER_BOOT = (
    "try{var d=document.documentElement,s=localStorage.getItem('newsroom:text-size'),"
    "t=localStorage.getItem('newsroom:theme');"
    "if(s!==null&&/^[0-4]$/.test(s)){d.dataset.textSize=s}"
    "if(t==='dark'||t==='light'){d.dataset.theme=t}}"
    "catch(e){}document.documentElement.classList.add('js')"
)


def _sha256(source):
    digest = hashlib.sha256(source.encode()).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


INLINE_SCRIPT_HASHES = [_sha256(READER_BOOT)]
