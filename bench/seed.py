"""Bulk benchmark data, for when `manage.py generate_scale` is not available.

    python -m bench.seed --articles 100000 --comments 1000000

The project's own generator (`manage.py generate_scale`, issue 6 part 1) is
preferred; bench/run_wrk.py uses it when it exists and falls back to this.
Articles are published over the past years with ~4,500 characters of body
(the size of the reference story), spread across 8 sections, 200 authors and
20 tags; comments go to the newest articles, 80% approved.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=0)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone
    from taggit.models import Tag

    from articles.models import Article, Author, Byline, Section, TaggedArticle
    from comments.models import Comment

    rng = random.Random(6)
    started = time.monotonic()
    paragraph = (
        "Officials said on Tuesday that the plan, first reported last month, would be "
        "reviewed by the council before the end of the year, after residents raised "
        "concerns about its cost and the way it had been drawn up. "
    )
    body = "".join(f"<p>{paragraph * 2}</p>" for _ in range(10))
    now = timezone.now()
    batch = 5000
    with transaction.atomic():
        sections = [
            Section.objects.get_or_create(
                slug=f"bench-section-{n}", defaults={"name": f"Bench section {n}", "order": n}
            )[0]
            for n in range(8)
        ]
        Author.objects.bulk_create(
            [Author(name=f"Bench Author {n}", slug=f"bench-author-{n}") for n in range(200)],
            ignore_conflicts=True,
        )
        authors = list(Author.objects.filter(slug__startswith="bench-author-"))
        tags = [
            Tag.objects.get_or_create(slug=f"bench-tag-{n}", defaults={"name": f"Bench tag {n}"})[0]
            for n in range(20)
        ]
    start = Article.objects.count()
    for offset in range(0, args.articles, batch):
        size = min(batch, args.articles - offset)
        with transaction.atomic():
            new = Article.objects.bulk_create(
                [
                    Article(
                        headline=f"Bench story {start + offset + n}: council reviews the plan",
                        slug=f"bench-story-{start + offset + n}",
                        standfirst="The plan would be reviewed before the end of the year.",
                        body=body,
                        section=sections[(offset + n) % len(sections)],
                        status=Article.Status.PUBLISHED,
                        publish_at=now - timedelta(minutes=10 * (args.articles - offset - n)),
                    )
                    for n in range(size)
                ]
            )
            if new[0].pk is None:  # backends without RETURNING
                new = list(Article.objects.order_by("-pk")[:size])
            Byline.objects.bulk_create(
                [Byline(article=a, author=rng.choice(authors), order=0) for a in new]
            )
            TaggedArticle.objects.bulk_create(
                [
                    TaggedArticle(tag=tag, content_object=a)
                    for a in new
                    for tag in rng.sample(tags, 2)
                ]
            )
        print(f"articles: {offset + size}/{args.articles}", file=sys.stderr)
    if args.comments:
        newest = list(Article.objects.order_by("-publish_at").values_list("pk", flat=True)[:20000])
        for offset in range(0, args.comments, 20000):
            size = min(20000, args.comments - offset)
            with transaction.atomic():
                Comment.objects.bulk_create(
                    [
                        Comment(
                            article_id=newest[(offset + n) % len(newest)],
                            name=f"Reader {n % 997}",
                            email=f"reader{n % 997}@example.org",
                            body="I was at the meeting and the council did not listen.",
                            status=(
                                Comment.Status.APPROVED
                                if rng.random() < 0.8
                                else Comment.Status.PENDING
                            ),
                        )
                        for n in range(size)
                    ]
                )
            print(f"comments: {offset + size}/{args.comments}", file=sys.stderr)
    print(f"seeded in {time.monotonic() - started:.0f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
