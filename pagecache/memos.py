"""Values each process works out once: one helper, bounded and clearable.

Pages repeat themselves: the same masthead, the same cards, the same SQL, the
same addresses. `Memo` keeps such values in the process, least recently used
first out, up to a bound; every memo is registered, and `clear_all()` empties
them all (tests, or a change of settings).

The key discipline, for every memo of rendered output: the key holds every
value the output depends on. What a request changes without the inputs
showing it (script prefix, URL configuration, language, time zone, MEDIA_URL)
is `render_context()`: a memo of HTML or addresses puts it in its key, read
once per request where a page asks many times.

`layout(*classes)` is for values kept in the shared cache: a fingerprint of
the classes' layout (their fields or slots), to put in the cache key, so that
a deploy that adds a field never unpickles an entry written by the old code.
"""

import hashlib
import threading
import weakref
from collections import OrderedDict
from dataclasses import fields, is_dataclass

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone
from django.utils.translation import get_language

_MISSING = object()
_registry = weakref.WeakSet()


class Memo:
    """A bounded, thread-safe, per-process memo (least recently used out)."""

    def __init__(self, name, size=256):
        self.name = name
        self.size = size
        self._values = OrderedDict()
        self._lock = threading.Lock()
        _registry.add(self)

    def get(self, key, compute):
        """The value under `key`, `compute()`d on the first ask."""
        with self._lock:
            value = self._values.get(key, _MISSING)
            if value is not _MISSING:
                self._values.move_to_end(key)
                return value
        value = compute()
        with self._lock:
            self._values[key] = value
            if len(self._values) > self.size:
                self._values.popitem(last=False)
        return value

    def clear(self):
        with self._lock:
            self._values.clear()

    def __len__(self):
        return len(self._values)

    def __repr__(self):
        return f"<Memo {self.name}: {len(self)}/{self.size}>"


def clear_all():
    """Empty every memo of the process."""
    for memo in list(_registry):
        memo.clear()


def address_context():
    """What an address reversed from a URL name depends on besides its name
    and arguments: the script prefix, the URL configuration, the language."""
    return (get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF, get_language())


def render_context():
    """What rendered HTML depends on besides its own inputs: the address
    context, the time zone and MEDIA_URL."""
    return (*address_context(), timezone.get_current_timezone_name(), settings.MEDIA_URL)


def layout(*classes):
    """A short fingerprint of the classes' layout: their names and fields
    (dataclass fields, __slots__, or the names in `__init__`'s code)."""
    return _layouts.get(classes, lambda: _fingerprint(classes))


def _fingerprint(classes):
    parts = []
    for cls in classes:
        if is_dataclass(cls):
            names = [f.name for f in fields(cls)]
        else:
            names = [
                name
                for klass in cls.__mro__
                for name in getattr(klass, "__slots__", ())
                if isinstance(name, str)
            ] or list(cls.__init__.__code__.co_varnames)
        parts.append(f"{cls.__module__}.{cls.__qualname__}({','.join(names)})")
    return hashlib.blake2b(";".join(parts).encode(), digest_size=6).hexdigest()


_layouts = Memo("class layouts", size=64)
