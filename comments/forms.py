import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.forms.renderers import Jinja2
from django.utils.translation import gettext_lazy as _

from comments.models import Comment, RejectionReason, ReportReason, content_hash

TIMESTAMP_SALT = "comments.form-timestamp"

CONFIRM_MESSAGE = _(
    "One more step, to keep automated spam out: please check your comment below and "
    "press “Post comment” again to send it."
)

USED_MESSAGE = _(
    "This form has already been used to post a comment. Your text is kept below: "
    "to post it as a new comment, please send it again."
)


def sign_timestamp(article_id, *, at=None):
    """When the form was served, signed so it can't be forged or moved to
    another story, with a random nonce: the comment it posts keeps the nonce
    (Comment.form_nonce, unique), so one form posts one comment."""
    served_at = int(at if at is not None else time.time())
    nonce = secrets.token_urlsafe(12)
    return signing.dumps({"a": article_id, "t": served_at, "n": nonce}, salt=TIMESTAMP_SALT)


class CommentForm(forms.Form):
    """The reader's form. Defences that are not fields a person fills in
    (honeypot, signed timestamp) are checked in clean() and report as
    form-wide errors that keep everything typed."""

    # The article page is a Jinja2 template: its form's fields render with
    # Django's Jinja2 widget templates too, several times faster than the
    # Django template engine for the same HTML.
    default_renderer = Jinja2()

    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        error_messages={"required": _("Enter your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_(
            "Never published. We use it only if we need to contact you about your comment."
        ),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = forms.CharField(
        label=_("Comment"),
        max_length=Comment._meta.get_field("body").max_length,
        min_length=2,
        help_text=_("Plain text, up to 3,000 characters."),
        error_messages={"required": _("Write your comment.")},
        widget=forms.Textarea(attrs={"rows": 7}),
    )
    notify = forms.BooleanField(
        label=_("Email me when a moderator has decided on my comment"),
        required=False,
        help_text=_("One email to the address above: published, or not and why. Nothing else."),
    )
    # Honeypot: hidden from people by CSS, left empty by everyone but bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    ts = forms.CharField(widget=forms.HiddenInput, required=False)

    # Why the form was refused, for the view: "honeypot", "confirm",
    # "tampered", "too-fast", "expired", "used".
    refusal = None
    # The signed token's nonce, once clean() has read it.
    nonce = None

    def __init__(self, *args, article, now=None, **kwargs):
        self.article = article
        self.now = now
        kwargs.setdefault("auto_id", "comment-%s")
        super().__init__(*args, **kwargs)
        # A fresh timestamp whenever the form is shown again (after an error),
        # so the reader can simply post again.
        self.fresh_ts = sign_timestamp(article.pk)
        if not self.is_bound:
            self.initial["ts"] = self.fresh_ts

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_email(self):
        return self.cleaned_data["email"].strip().casefold()

    def clean_body(self):
        body = self.cleaned_data["body"].replace("\r\n", "\n").strip()
        if len(body) < 2:
            raise forms.ValidationError(_("Write your comment."))
        return body

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            self.refusal = "honeypot"
            raise forms.ValidationError(
                _(
                    "Your comment could not be accepted: the field marked “leave this field "
                    "empty” must be left empty."
                ),
                code="honeypot",
            )
        if not cleaned.get("ts"):
            # The page is the same for every reader, so the token is not in
            # it: a few lines of script fetch it (reader:comment-token). A
            # reader without JavaScript posts without one and is shown the
            # form again with a token: one more press of the button.
            self.refusal = "confirm"
            raise forms.ValidationError(CONFIRM_MESSAGE, code="confirm")
        try:
            data = signing.loads(cleaned["ts"], salt=TIMESTAMP_SALT)
            served_at, nonce = int(data["t"]), data["n"]
            if data["a"] != self.article.pk:
                raise signing.BadSignature("form for another article")
            if not isinstance(nonce, str) or not 0 < len(nonce) <= 32:
                raise ValueError("bad nonce")
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            self.refusal = "tampered"
            raise forms.ValidationError(
                _(
                    "Your comment could not be accepted because the form was changed or "
                    "incomplete. Your text is kept below: please post it again."
                ),
                code="tampered",
            ) from None
        elapsed = (self.now if self.now is not None else time.time()) - served_at
        if elapsed > settings.COMMENTS_FORM_MAX_AGE:
            self.refusal = "expired"
            raise forms.ValidationError(
                _(
                    "This form was opened a long time ago and has expired. Your text is kept "
                    "below: please post it again."
                ),
                code="expired",
            )
        if elapsed < settings.COMMENTS_MIN_FILL_SECONDS:
            self.refusal = "too-fast"
            raise forms.ValidationError(
                _(
                    "That was very quick, so we could not tell you from a robot. Your text is "
                    "kept below: please check it and post it again."
                ),
                code="too-fast",
            )
        self.nonce = nonce
        if self.is_used(cleaned):
            self.refuse_used()
        return cleaned

    def is_used(self, cleaned):
        """Whether this form has posted a comment already, other than this
        very one (the same words posted twice are a duplicate, and are
        answered as one). The database decides, not the cache."""
        used = Comment.objects.filter(form_nonce=self.nonce).values_list("content_hash")[:1]
        if not used:
            return False
        if "email" not in cleaned or "body" not in cleaned:
            return True
        fingerprint = content_hash(
            article_id=self.article.pk, email=cleaned["email"], body=cleaned["body"]
        )
        return used[0][0] != fingerprint

    def refuse_used(self):
        """Refuse a form that has already posted a comment; the reader's
        text is kept, and the form shown again has a fresh token."""
        self.refusal = "used"
        self.add_error(None, forms.ValidationError(USED_MESSAGE, code="used"))


class DecisionForm(forms.Form):
    """Reason and note for a rejection (single or bulk)."""

    reason = forms.ChoiceField(
        label="Reason",
        choices=[("", "Choose a reason")] + list(RejectionReason.choices),
        error_messages={"required": "Choose a reason for the rejection."},
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=500,
        help_text="Required when the reason is “Other”. Moderators only; never shown to readers.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == RejectionReason.OTHER and not cleaned.get("note", "").strip():
            self.add_error("note", "Add a note when the reason is “Other”.")
        return cleaned


class ReportForm(forms.Form):
    """A reader's report of a published comment: a reason, and a note if
    they wish. No account, no email: the report is about the comment."""

    default_renderer = Jinja2()

    reason = forms.ChoiceField(
        label=_("What is wrong with this comment?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what is wrong with the comment."),
            "invalid_choice": _("Choose one of the reasons listed."),
        },
    )
    note = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        required=False,
        max_length=500,
        help_text=_("Up to 500 characters. Only our moderators read it."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Keep the note to 500 characters or fewer.")},
    )

    def clean_note(self):
        return self.cleaned_data["note"].replace("\r\n", "\n").replace("\x00", "").strip()
