"""Generated data at newsroom scale, for benchmarks: `manage.py generate_scale`.

Everything is written with bulk inserts, in batches, one transaction per
batch. Bulk inserts bypass save() and signals: the search index and caches do
not hear about these rows (run `manage.py rebuild_search_index` afterwards).

Scale rows are marked so that `--clear` removes them and nothing else:
articles and authors by the slug prefix `scale-`, images by the title prefix
"Scale data: ".
"""

import html
import math
import random
import re
import time
from datetime import UTC, timedelta

from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from articles.models import Article, Author, Byline, Section, TaggedArticle, slug_for
from comments.models import Comment
from demo import content as demo_content
from demo import loader
from demo.pictures import jpeg
from images.models import Image

SLUG_PREFIX = "scale-"
ENGLISH = "en"
LATIN_EDITIONS = ("en", "kmr", "tr")
IMAGE_TITLE_PREFIX = "Scale data: "
AUTHOR_COUNT = 120

FIRST_NAMES = (
    "Aram Avin Azad Bahar Bestun Chiman Dara Dilan Evin Farhad Goran Hana Hawre Hemin Jwan "
    "Kawa Lana Maryam Nabaz Nasreen Omar Rawand Rezan Rozhan Sakar Sara Shilan Soran Tara "
    "Zana Ali Huda Karim Laila Mustafa Noor Rania Samir Yasmin Zainab Daniel Clara Marta "
    "Jonas Elena Tomas Ingrid Paul Sofia"
).split()
LAST_NAMES = (
    "Ahmed Aziz Baban Barzani Dler Fattah Hamid Hassan Jalal Kareem Mahmoud Mirza Nuri Omer "
    "Rashid Rauf Sabah Salih Sherko Talib Haddad Khoury Qudah Youssef Brennan Harker Lindqvist "
    "Novak Moreau Weber"
).split()
PLACES = (
    "Erbil Sulaimani Duhok Halabja Zakho Koya Kirkuk Mosul Baghdad Basra Najaf Karbala Hilla "
    "Nasiriyah Amman Beirut Ankara Damascus Tehran Geneva Brussels Berlin Stockholm"
).split()
SUBJECTS = (
    "Farmers",
    "Teachers",
    "Doctors",
    "Traders",
    "The provincial council",
    "The water directorate",
    "Engineers",
    "Students",
    "Residents",
    "The ministry",
    "Exporters",
    "Volunteers",
    "Bus drivers",
    "Shopkeepers",
    "Hospitals",
    "Start-ups",
    "Booksellers",
    "Musicians",
    "Negotiators",
    "Families",
)
PREDICATES = (
    "call for",
    "welcome",
    "warn over",
    "prepare for",
    "count the cost of",
    "push for",
    "plan",
    "debate",
    "win backing for",
    "wait for",
    "question",
    "celebrate",
    "turn to",
    "look beyond",
    "vote on",
)
OBJECTS = (
    "new bus routes",
    "the draft budget",
    "a summer of water cuts",
    "rooftop solar",
    "delayed salaries",
    "cheaper flour",
    "a cross-border railway",
    "rural clinics",
    "river-flow data",
    "a festival in the citadel",
    "flood defences",
    "longer library hours",
    "higher gold prices",
    "direct flights to Europe",
    "a new cold store",
    "school repairs",
    "air-quality sensors",
    "the pomegranate harvest",
    "hotel rooms for the season",
    "an online archive",
)
EXTRA_TAGS = (
    "Elections",
    "Housing",
    "Roads",
    "Jobs",
    "Courts",
    "Football",
    "Youth",
    "Women",
    "Internet",
    "Banks",
    "Prices",
    "Rain",
    "Drought",
    "Universities",
    "Hospitals",
    "Museums",
    "Poetry",
    "Cinema",
)


def _sentences(stories, latin=True):
    """Sentences of our own demo stories: realistic text for search and size."""
    text = " ".join(re.sub(r"<[^>]+>", " ", story.html) for story in stories)
    text = html.unescape(re.sub(r"\[[^\]]*\]", " ", text))
    # Arabic script has no capitals: a sentence ends at its stop.
    boundary = r"(?<=[.!?”\"])\s+(?=[A-Z“\"])" if latin else r"(?<=[.!?؟])\s+"
    parts = re.split(boundary, re.sub(r"\s+", " ", text))
    return [html.escape(p.strip(), quote=False) for p in parts if 40 <= len(p) <= 300]


def _comment_sentences(stories):
    bodies = [
        comment.body
        for story in stories
        for comment in story.comments_with(Comment.Status.APPROVED)
    ]
    return [html.unescape(b) for b in bodies]


class Generator:
    def __init__(
        self,
        *,
        seed=1,
        batch_size=5000,
        years=5,
        log=print,
        now=None,
        content=None,
        edition=ENGLISH,
    ):
        """`edition`: the edition the articles are written for; other than
        English, its sections, authors and sentences come from the demo
        content of that edition (demo/content/<edition>/)."""
        self.rng = random.Random(seed)
        self.batch_size = batch_size
        self.years = years
        self.log = log
        self.now = now or timezone.now()
        self.edition = edition
        everything = content or demo_content.read()
        if edition not in everything.languages:
            raise ValueError(f"The demo content has no edition {edition!r}.")
        self.content = loader.loaded(everything).only((edition,))
        self.sentences = _sentences(self.content.stories, latin=edition in LATIN_EDITIONS)
        self.comment_texts = _comment_sentences(self.content.stories)

    # -- set-up: the small tables ---------------------------------------------------

    def sections(self):
        sections = list(Section.objects.filter(edition_id=self.edition))
        if not sections:
            for order, section in enumerate(self.content.sections, start=1):
                # (A slug is unique within its edition: /ckb/section/news/ and
                # /section/news/ are two sections.)
                sections.append(
                    Section.objects.create(
                        edition_id=self.edition,
                        name=section.name,
                        slug=section.slug,
                        description=section.description,
                        order=order * 10,
                    )
                )
        return [s.pk for s in sections]

    def authors(self):
        existing = list(
            Author.objects.filter(
                slug__startswith=SLUG_PREFIX + "author-", edition_id=self.edition
            ).values_list("pk", flat=True)
        )
        if existing:
            return existing
        if self.edition != ENGLISH:
            # The edition's own demo authors, names in its script.
            return [
                a.pk
                for a in Author.objects.bulk_create(
                    Author(
                        edition_id=self.edition,
                        name=author.name,
                        slug=f"{SLUG_PREFIX}author-{self.edition}-{n}",
                        bio=author.bio,
                    )
                    for n, author in enumerate(self.content.authors, start=1)
                )
            ]
        names = set()
        while len(names) < AUTHOR_COUNT:
            names.add(f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}")
        authors = []
        for n, name in enumerate(sorted(names), start=1):
            first, last = name.split(" ", 1)
            authors.append(
                Author(
                    name=name,
                    slug=f"{SLUG_PREFIX}author-{n}-{slugify(name)}",
                    social_handle=f"@{first[0].lower()}{last.lower()}{n}"[:31],
                    bio=f"{first} reports for The Newsroom. (Generated for benchmarks.)",
                )
            )
        return [a.pk for a in Author.objects.bulk_create(authors)]

    def images(self):
        images = list(
            Image.objects.filter(title__startswith=IMAGE_TITLE_PREFIX).values_list("pk", flat=True)
        )
        if images:
            return images
        for picture in self.content.pictures[:8]:
            image = Image.objects.create(
                file=ContentFile(jpeg(picture.key), name=f"scale-{picture.key}.jpg"),
                title=IMAGE_TITLE_PREFIX + picture.title,
                alt_text=picture.alt_text,
                caption=picture.caption,
                credit=picture.credit,
            )
            images.append(image.pk)
        return images

    def tags(self):
        stories = self.content.stories
        extra = set(EXTRA_TAGS) if self.edition == ENGLISH else set()
        names = sorted({topic for story in stories for topic in story.topics} | extra)
        existing = dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))
        for name in names:
            if name not in existing:
                existing[name] = Tag.objects.create(name=name).pk
        return list(existing.values())

    # -- the big tables -------------------------------------------------------------

    def _paragraph(self):
        return " ".join(self.rng.choices(self.sentences, k=self.rng.randint(2, 4)))

    def _body(self):
        rng = self.rng
        paragraphs = [f"<p>{self._paragraph()}</p>" for _ in range(rng.randint(5, 7))]
        if rng.random() < 0.5 and self.edition == ENGLISH:
            heading = rng.choice(OBJECTS).capitalize()
            paragraphs.insert(rng.randint(2, len(paragraphs) - 1), f"<h2>{heading}</h2>")
        if rng.random() < 0.25:
            quote = rng.choice(self.sentences)
            paragraphs.insert(
                rng.randint(1, len(paragraphs) - 1), f"<blockquote><p>{quote}</p></blockquote>"
            )
        return "\n".join(paragraphs)

    def _headline(self):
        rng = self.rng
        if self.edition != ENGLISH:
            # A run of words from one of the edition's sentences.
            words = rng.choice(self.sentences).rstrip(".!?؟").split()
            size = min(len(words), rng.randint(5, 9))
            first = rng.randint(0, len(words) - size)
            return " ".join(words[first : first + size])[:200]
        place = rng.choice(PLACES)
        return f"{place}: {rng.choice(SUBJECTS)} {rng.choice(PREDICATES)} {rng.choice(OBJECTS)}"

    def articles(self, count):
        """Insert `count` articles, oldest first; return [(pk, publish_at, status)]."""
        rng, adapt = self.rng, _datetime_adapter()
        sections, authors = self.sections(), self.authors()
        images, tags = self.images(), self.tags()
        span = self.years * 365 * 86400
        # Publish times over the years, denser towards now (the site grew).
        offsets = sorted((span * (1 - math.sqrt(rng.random())) for _ in range(count)), reverse=True)
        article_table = BulkTable(
            Article,
            "id edition_id headline slug standfirst dateline body section_id lead_image_id "
            "status publish_at created_at updated_at comments_open",
        )
        # Link rows carry their story's status and publish time (ListedArticle).
        byline_table = BulkTable(Byline, "article_id author_id order status publish_at")
        tag_table = BulkTable(TaggedArticle, "content_object_id tag_id status publish_at")
        published, draft = Article.Status.PUBLISHED.value, Article.Status.DRAFT.value
        unpublished = Article.Status.UNPUBLISHED.value
        made = []
        start = (Article.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        for first in range(0, count, self.batch_size):
            began = time.perf_counter()
            rows, bylines, tagged = [], [], []
            for i in range(first, min(first + self.batch_size, count)):
                pk = start + i
                publish_at = self.now - timedelta(seconds=offsets[i] + 60)
                roll = rng.random()
                status = published if roll < 0.97 else draft if roll < 0.985 else unpublished
                when = None if status == draft else adapt(publish_at)
                headline = self._headline()
                updated_at = publish_at
                if rng.random() < 0.08:
                    updated_at = min(publish_at + timedelta(minutes=rng.randint(30, 600)), self.now)
                rows.append(
                    (
                        pk,
                        self.edition,
                        headline,
                        # In the headline's script, as the desk makes them
                        # (a Sorani story's address is in Sorani).
                        f"{SLUG_PREFIX}{pk}-{slug_for(headline)[:80]}",
                        " ".join(rng.choices(self.sentences, k=rng.randint(1, 2)))[:400],
                        rng.choice(PLACES).upper(),
                        self._body(),
                        rng.choice(sections),
                        rng.choice(images) if rng.random() < 0.85 else None,
                        status,
                        when,
                        adapt(publish_at - timedelta(minutes=rng.randint(20, 600))),
                        adapt(updated_at),
                        rng.random() < 0.97,
                    )
                )
                for order, author in enumerate(rng.sample(authors, rng.choice((1, 1, 1, 2)))):
                    bylines.append((pk, author, order, status, when))
                for tag in rng.sample(tags, rng.choice((0, 1, 2, 2, 3, 3))):
                    tagged.append((pk, tag, status, when))
                made.append((pk, publish_at, status))
            with transaction.atomic():
                article_table.insert(rows)
                byline_table.insert(bylines)
                tag_table.insert(tagged)
            self.log(
                f"  articles {len(made):>9,}/{count:,}  "
                f"({len(rows) / (time.perf_counter() - began):,.0f}/s)"
            )
        # Ids were given explicitly: move PostgreSQL's sequence past them.
        _reset_sequences(Article)
        return made

    def comments(self, count, articles=None):
        """Insert `count` comments on published scale articles, newer ones commented more."""
        rng, adapt = self.rng, _datetime_adapter()
        if articles is None:
            articles = list(
                Article.objects.filter(slug__startswith=SLUG_PREFIX).values_list(
                    "pk", "publish_at", "status"
                )
            )
        published = Article.Status.PUBLISHED.value
        targets = sorted(
            ((at, pk) for pk, at, status in articles if status == published), reverse=True
        )
        if not targets:
            raise ValueError("There are no published scale articles to comment on.")
        n = len(targets)
        people = [
            (name, slugify(name).replace("-", ".") + "@example.org")
            for name in (f"{first} {last[0]}." for first in FIRST_NAMES for last in LAST_NAMES)
        ]
        agents = (
            "Mozilla/5.0 (Linux; Android 14; Pixel 7) Chrome/130.0 Mobile Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Safari/604.1",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36",
        )
        statuses = ["approved"] * 92 + ["pending"] * 5 + ["rejected"] * 3
        ips = [f"198.51.100.{i}" for i in range(1, 255)]
        texts = self.comment_texts
        table = BulkTable(
            Comment, "article_id name email body status ip_address user_agent created_at"
        )
        limit = self.now - timedelta(minutes=1)
        done = 0
        while done < count:
            began = time.perf_counter()
            rows = []
            for _ in range(min(self.batch_size, count - done)):
                publish_at, article_id = targets[int(n * rng.random() ** 2)]
                name, email = rng.choice(people)
                delay = min(rng.expovariate(1 / 8), 24 * 29)  # hours; most within a day
                body = rng.choice(texts)
                if rng.random() < 0.4:
                    body += " " + rng.choice(texts)
                rows.append(
                    (
                        article_id,
                        name,
                        email,
                        body,
                        rng.choice(statuses),
                        rng.choice(ips),
                        rng.choice(agents),
                        adapt(min(publish_at + timedelta(hours=delay), limit)),
                    )
                )
            with transaction.atomic():
                table.insert(rows)
            done += len(rows)
            self.log(
                f"  comments {done:>9,}/{count:,}  "
                f"({len(rows) / (time.perf_counter() - began):,.0f}/s)"
            )
        return done


class BulkTable:
    """Fast inserts into one model's table: COPY on PostgreSQL, executemany elsewhere.

    `columns` are the fields the caller gives, as attnames ("section_id"), in
    row order. Every other concrete field gets its default, so a field added
    to the model later (with a default) needs no change here; one without a
    default is an error that names it.
    """

    def __init__(self, model, columns):
        given = columns.split()
        fields = {f.attname: f for f in model._meta.concrete_fields}
        self.defaults = []
        for attname, field in fields.items():
            if attname in given or field.primary_key or getattr(field, "generated", False):
                continue
            value = field.get_default()  # "" for text fields without a default
            if value is None and not field.null:
                raise ValueError(
                    f"{model._meta.label}.{attname} has no default: teach generate_scale "
                    "what to put in it."
                )
            value = field.get_db_prep_save(value, connection)
            self.defaults.append((field.column, value))
        qn = connection.ops.quote_name
        names = [fields[a].column for a in given] + [column for column, _ in self.defaults]
        self.extra = tuple(value for _, value in self.defaults)
        self.table = qn(model._meta.db_table)
        self.column_sql = ", ".join(qn(name) for name in names)
        self.placeholders = ", ".join(["%s"] * len(names))

    def insert(self, rows):
        if not rows:
            return
        if self.extra:
            rows = [row + self.extra for row in rows]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(
                    f"COPY {self.table} ({self.column_sql}) FROM STDIN"
                ) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(
                    f"INSERT INTO {self.table} ({self.column_sql}) VALUES ({self.placeholders})",
                    rows,
                )


def _datetime_adapter():
    """Datetimes as the database takes them, without the ORM's per-value work."""
    if connection.vendor == "sqlite":
        # What Django stores: naive UTC as text (TIME_ZONE of the connection is UTC).
        def adapt(value):
            return str(value.astimezone(UTC).replace(tzinfo=None))

        return adapt
    return connection.ops.adapt_datetimefield_value


def _reset_sequences(*models_):
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


# -- removing scale data ----------------------------------------------------------


def _delete_where(model, where, params, cursor, counts):
    """DELETE rows of `model` matching `where`, following on_delete rules first.

    The ORM's delete() would load every comment of every article into memory
    to cascade; at a million rows that is minutes and gigabytes. This walks
    the same relations with one statement per table.
    """
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    relations = [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if f.auto_created and not f.concrete and (f.one_to_many or f.one_to_one)
    ]
    for rel in relations:
        related = rel.related_model
        column = qn(rel.field.column)
        target = qn(rel.field.target_field.column)
        subquery = f"{column} IN (SELECT {target} FROM {table} WHERE {where})"
        on_delete = rel.on_delete
        if on_delete is models.CASCADE:
            _delete_where(related, subquery, params, cursor, counts)
        elif on_delete is models.SET_NULL:
            cursor.execute(
                f"UPDATE {qn(related._meta.db_table)} SET {column} = NULL WHERE {subquery}", params
            )
    cursor.execute(f"DELETE FROM {table} WHERE {where}", params)
    counts[model._meta.label] = counts.get(model._meta.label, 0) + cursor.rowcount


def clear(log=print):
    """Remove every row generated by this module, and nothing else."""
    counts = {}
    like = SLUG_PREFIX.replace("_", r"\_") + "%"
    files = list(
        Image.objects.filter(title__startswith=IMAGE_TITLE_PREFIX).values_list("file", flat=True)
    )
    with transaction.atomic(), connection.cursor() as cursor:
        _delete_where(Article, "slug LIKE %s", [like], cursor, counts)
        _delete_where(Author, "slug LIKE %s", [like], cursor, counts)
        _delete_where(
            Image, "title LIKE %s", [IMAGE_TITLE_PREFIX.replace("_", r"\_") + "%"], cursor, counts
        )
    storage = Image._meta.get_field("file").storage
    for name in files:
        if name and storage.exists(name):
            storage.delete(name)
    return {label: n for label, n in counts.items() if n}
