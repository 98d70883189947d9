"""Inline scripts allowed by the Content Security Policy, by their hash.

The reader's chosen text size must apply before first paint, so it cannot wait
for an external script. This tiny script reads it from localStorage and sets a
class on <html>; the policy allows exactly this text and no other inline code.
"""

import base64
import hashlib

TEXT_SIZE_STEPS = 5  # classes text-size-0 .. text-size-4; 1 is the default
TEXT_SIZE_DEFAULT = 1

TEXT_SIZE_BOOT = (
    "try{var s=localStorage.getItem('newsroom:text-size');"
    "if(s!==null&&/^[0-4]$/.test(s)){document.documentElement.dataset.textSize=s}}"
    "catch(e){}document.documentElement.classList.add('js')"
)


def _sha256(source):
    digest = hashlib.sha256(source.encode()).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


INLINE_SCRIPT_HASHES = [_sha256(TEXT_SIZE_BOOT)]
