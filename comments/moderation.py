"""What happens to a comment: flags when it arrives, decisions afterwards.

`submit_comment()` stores a reader's comment with its flags (or rejects it as
spam when the sender is blocklisted); `decide()` records a moderator's
approval, rejection or reversal. Both tell the caches through
`articles.changes.content_changed` (Change.COMMENTS) once the transaction has committed.
"""

import functools
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from publicsuffixlist import PSLFILE

from articles.changes import Change, send
from comments.lookalikes import skeleton
from comments.models import (
    BannedWord,
    BlocklistEntry,
    Comment,
    CommentReport,
    KeepReason,
    ModerationDecision,
    RejectionReason,
    content_hash,
)
from pagecache.backends import best_effort, cache_failed

log = logging.getLogger(__name__)

BANNED_WORDS_CACHE_KEY = "comments:banned-words"


def fold(text):
    """Case- and accent-insensitive form of text, for matching.

    NFKD splits "é" into "e" plus a combining accent, which is then dropped;
    casefold() handles "ß" and the like better than lower().
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# How the flags read a text: as written, and as it looks (no invisible
# characters, look-alike letters read as Latin: comments/lookalikes.py). A
# word or a link is there if either reading has it.
READINGS = (fold, skeleton)


def banned_word_pattern(words, read=fold):
    """One regex matching any of the words or phrases as whole words, in
    texts read with `read`.

    Lookarounds on \\w (Unicode-aware in Python) instead of \\b, so a word that
    starts or ends with punctuation still matches, and "press" never matches
    inside "WordPress" or "pressing". Phrases match across any whitespace.
    """
    alternatives = []
    readings = {read(w).strip() for w in words if w.strip()} - {""}
    for word in sorted(readings, key=len, reverse=True):
        alternatives.append(r"\s+".join(re.escape(part) for part in word.split()))
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def _banned_words():
    words = None
    with best_effort("Banned words read without the cache", log):
        words = cache.get(BANNED_WORDS_CACHE_KEY)
    if words is None:
        words = list(BannedWord.objects.values_list("word", flat=True))
        with best_effort("Banned words not cached", log):
            cache.set(BANNED_WORDS_CACHE_KEY, words, 3600)
    return words


def find_banned_words(text, words=None):
    """The banned words or phrases found in text, as listed, in list order."""
    words = _banned_words() if words is None else words
    found = set()
    for read in READINGS:
        pattern = banned_word_pattern(words, read)
        if pattern is None:
            return []
        seen = {" ".join(m.group(0).split()) for m in pattern.finditer(read(text))}
        found.update(w for w in words if " ".join(read(w).split()) in seen)
    return [w for w in words if w in found]


# Links: a scheme, or a domain name without one ("example.com",
# "www.example.com/path", and "example[.]com" or "example (.) com" written to
# slip past filters) whose last label is a real top-level domain, or which
# starts with www. Not the domain of an email address.
SCHEME_LINK_RE = re.compile(r"(?:https?|ftp)://\S+")
_DOT = r"(?:\.|\s?[\[({]\s?(?:\.|dot)\s?[\])}]\s?)"
_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
BARE_DOMAIN_RE = re.compile(rf"(?<![\w@.-])((?:{_LABEL}{_DOT})+)({_LABEL})(?![\w-])")
WWW_RE = re.compile(rf"www{_DOT}")


@functools.cache
def top_level_domains():
    """Every top-level domain, in Unicode and ASCII (punycode) form: the
    one-label entries of the Public Suffix List's ICANN section, as shipped
    (and kept up to date) by the publicsuffixlist package."""
    tlds = set()
    icann = False
    with open(PSLFILE, encoding="utf-8") as psl:
        for line in psl:
            line = line.strip()
            if line == "// ===BEGIN ICANN DOMAINS===":
                icann = True
            elif line == "// ===END ICANN DOMAINS===":
                break
            elif icann and line and not line.startswith("//") and "." not in line:
                tlds.add(line.casefold())
                try:
                    tlds.add(line.encode("idna").decode("ascii"))
                except UnicodeError:
                    pass
    return frozenset(tlds)


def _links_in(reading):
    links = len(SCHEME_LINK_RE.findall(reading))
    for match in BARE_DOMAIN_RE.finditer(SCHEME_LINK_RE.sub(" ", reading)):
        if match[2] in top_level_domains() or WWW_RE.match(match[1]):
            links += 1
    return links


def count_links(text):
    """How many links text carries, read as written or as it looks."""
    return max(_links_in(read(text)) for read in READINGS)


def is_blocklisted(*, email, ip_address):
    """Whether the sender's email (whatever its case or "+tag") or IP address
    is on the blocklist."""
    Kind, key = BlocklistEntry.Kind, BlocklistEntry.match_key
    query = Q(kind=Kind.EMAIL, key=key(Kind.EMAIL, email))
    if ip_address:
        query |= Q(kind=Kind.IP, key=key(Kind.IP, ip_address))
    return BlocklistEntry.objects.filter(query).exists()


@dataclass
class Flags:
    links: bool = False
    banned_words: bool = False
    first_time: bool = False
    blocklisted: bool = False
    details: list = field(default_factory=list)


def assess(*, email, name, body, ip_address):
    """The flags a new comment raises."""
    flags = Flags()
    links = count_links(body) + count_links(name)
    if links > settings.COMMENTS_MAX_LINKS:
        flags.links = True
        flags.details.append(f"{links} links (more than {settings.COMMENTS_MAX_LINKS})")
    words = find_banned_words(f"{name}\n{body}")
    if words:
        flags.banned_words = True
        flags.details.append("banned words: " + ", ".join(words))
    if not Comment.objects.filter(email=email.casefold(), status=Comment.Status.APPROVED).exists():
        flags.first_time = True
        flags.details.append("first comment from this email")
    if is_blocklisted(email=email, ip_address=ip_address):
        flags.blocklisted = True
        flags.details.append("email or IP on the blocklist")
    return flags


def find_duplicate(*, article, email, body):
    """An identical comment from the same email on the same article, recently."""
    since = timezone.now() - timedelta(seconds=settings.COMMENTS_DUPLICATE_WINDOW)
    return (
        Comment.objects.filter(
            content_hash=content_hash(article_id=article.pk, email=email, body=body),
            created_at__gte=since,
        )
        .order_by("-created_at")
        .first()
    )


def _notify(article):
    transaction.on_commit(lambda: send(Change.COMMENTS, sender=Comment, article=article))


class FormAlreadyUsed(Exception):
    """The form (its token's nonce) has posted another comment already."""


def submit_comment(
    *,
    article,
    name,
    email,
    body,
    ip_address=None,
    user_agent="",
    form_nonce=None,
    notify_by_email=False,
):
    """Store a reader's comment, pending with its flags, or rejected if blocklisted.

    Returns (comment, created): an identical recent resubmission returns the
    stored comment (or None while a concurrent twin is being stored) and
    created=False. `notify_by_email`: the commenter asked to be told of the
    decision (comments.tasks.email_decision). Raises FormAlreadyUsed if the form that sent it, named by
    `form_nonce`, has posted a different comment already.
    """
    # A double click sends two identical posts at once, which may reach two
    # workers: the first to claim the fingerprint in the shared cache stores
    # the comment; the other finds it, or finds the claim, and stores nothing.
    fingerprint = content_hash(article_id=article.pk, email=email, body=body)
    claim = f"reader:commenting:{fingerprint}"
    try:
        claimed = cache.add(claim, 1, 60)
    except Exception as error:
        # Without the cache, the duplicate check inside the transaction
        # stops resubmissions (simultaneous twins may then both be stored).
        cache_failed(log, "Comment stored without a claim on its twins", error)
        claim, claimed = None, True
    if not claimed:
        return find_duplicate(article=article, email=email, body=body), False
    try:
        return _store(
            article=article,
            name=name,
            email=email,
            body=body,
            ip_address=ip_address,
            user_agent=user_agent,
            form_nonce=form_nonce,
            notify_by_email=notify_by_email,
        )
    except BaseException:
        if claim:
            with best_effort("Claim on a failed comment not dropped", log):
                cache.delete(claim)  # the reader may post again at once
        raise


def _store(*, article, name, email, body, ip_address, user_agent, form_nonce, notify_by_email):
    try:
        return _insert(
            article=article,
            name=name,
            email=email,
            body=body,
            ip_address=ip_address,
            user_agent=user_agent,
            form_nonce=form_nonce,
            notify_by_email=notify_by_email,
        )
    except IntegrityError:
        # Two posts from one form at once (both passed the form's check):
        # the unique nonce lets one through.
        if not form_nonce:
            raise
        used = Comment.objects.filter(form_nonce=form_nonce).first()
        if used is None:
            raise
        if used.content_hash != content_hash(article_id=article.pk, email=email, body=body):
            raise FormAlreadyUsed from None
        return used, False


def _insert(*, article, name, email, body, ip_address, user_agent, form_nonce, notify_by_email):
    with transaction.atomic():
        duplicate = find_duplicate(article=article, email=email, body=body)
        if duplicate is not None:
            return duplicate, False
        flags = assess(email=email, name=name, body=body, ip_address=ip_address)
        now = timezone.now()
        comment = Comment(
            article=article,
            name=name,
            email=email,
            body=body,
            created_at=now,
            ip_address=ip_address or None,
            user_agent=(user_agent or "")[:300],
            flag_links=flags.links,
            flag_banned_words=flags.banned_words,
            flag_first_time=flags.first_time,
            flag_blocklisted=flags.blocklisted,
            flag_details="; ".join(flags.details)[:500],
            form_nonce=form_nonce or "",
            notify_by_email=bool(notify_by_email),
        )
        if flags.blocklisted:
            comment.status = Comment.Status.REJECTED
            comment.rejection_reason = RejectionReason.SPAM
            comment.decided_at = now
        comment.save()
        if flags.blocklisted:
            ModerationDecision.objects.create(
                comment=comment,
                moderator=None,
                decided_at=now,
                from_status=Comment.Status.PENDING,
                to_status=Comment.Status.REJECTED,
                reason=RejectionReason.SPAM,
                note="Sender on the blocklist.",
            )
    return comment, True


class DecisionError(ValueError):
    pass


class DecidedMeanwhile(DecisionError):
    """Another moderator decided the comment since this one saw it."""

    def __init__(self, comment):
        self.comment = comment
        by = comment.decided_by.get_username() if comment.decided_by else "the system"
        super().__init__(
            f"{comment.get_status_display()} meanwhile by {by}: not changed. "
            "To reverse that, open the comment again."
        )


def decide(*, comment, to_status, moderator, reason="", note="", seen_status=None):
    """Approve or reject a comment (a reversal included), and log the decision.

    Returns True if the comment changed, False if it already had that status.
    `seen_status`: the status the moderator saw; if another moderator has
    decided since, DecidedMeanwhile is raised and nothing changes (no silent
    reversal of a colleague's decision).
    """
    if to_status not in (Comment.Status.APPROVED, Comment.Status.REJECTED):
        raise DecisionError("A comment can only be approved or rejected.")
    if to_status == Comment.Status.REJECTED:
        if reason not in RejectionReason.values:
            raise DecisionError("Choose a reason for the rejection.")
        if reason == RejectionReason.OTHER and not note.strip():
            raise DecisionError("Add a note when the reason is “Other”.")
    else:
        reason = ""
    with transaction.atomic():
        # Lock the row: two moderators deciding at once make two log rows in
        # order, never a lost one.
        locked = Comment.objects.select_for_update().select_related("article").get(pk=comment.pk)
        if locked.status == to_status:
            return False
        if seen_status is not None and locked.status != seen_status:
            raise DecidedMeanwhile(locked)
        now = timezone.now()
        decision = ModerationDecision.objects.create(
            comment=locked,
            moderator=moderator,
            decided_at=now,
            from_status=locked.status,
            to_status=to_status,
            reason=reason,
            note=note.strip()[:500],
        )
        locked.status = to_status
        locked.decided_at = now
        locked.decided_by = moderator
        locked.rejection_reason = reason
        locked.save(update_fields=["status", "decided_at", "decided_by", "rejection_reason"])
        # Readers' open reports are answered by whatever a moderator decides.
        CommentReport.objects.open().filter(comment=locked).update(resolution=decision)
        _notify(locked.article)
        if locked.notify_by_email:
            _email_commenter(decision)
    comment.status = locked.status
    comment.decided_at = locked.decided_at
    comment.decided_by = moderator
    comment.rejection_reason = reason
    return True


def keep_reported(*, comment, moderator, reason, note=""):
    """A moderator keeps a reported comment published: the open reports are
    answered by a KEPT entry in the log (approved to approved, with the
    reason). Returns False if there was nothing to answer (no open report,
    or the comment is no longer published)."""
    if reason not in KeepReason.values:
        raise DecisionError("Choose why the comment stays.")
    if reason == KeepReason.KEEP_OTHER and not note.strip():
        raise DecisionError("Add a note when the reason is “Other”.")
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        reports = CommentReport.objects.open().filter(comment=locked)
        if locked.status != Comment.Status.APPROVED or not reports.exists():
            return False
        decision = ModerationDecision.objects.create(
            comment=locked,
            kind=ModerationDecision.Kind.KEPT,
            moderator=moderator,
            from_status=locked.status,
            to_status=locked.status,
            reason=reason,
            note=note.strip()[:500],
        )
        reports.update(resolution=decision)
    return True


def _email_commenter(decision):
    """Tell the commenter by email, once the decision has committed, by the
    task worker (comments.tasks): never in the moderator's request."""
    from comments.tasks import email_decision

    transaction.on_commit(lambda: email_decision.enqueue(decision.pk))


def decide_many(comments, *, to_status, moderator, reason="", note=""):
    """decide() for each comment; returns how many changed."""
    return sum(
        decide(comment=c, to_status=to_status, moderator=moderator, reason=reason, note=note)
        for c in comments
    )


def can_moderate(user):
    return bool(user and user.is_active and user.has_perm("comments.can_moderate"))
