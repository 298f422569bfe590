#!/usr/bin/env python3
"""Generate a deterministic benchmark site for plainsite, and the same site for Hugo.

    python3 bench/generate.py --pages 1000 --out bench/.work/site-1000 [--seed 8]

writes two folders:

    OUT/plainsite/   site.yaml, data/glossary.yaml, content/...   (links to .md files)
    OUT/hugo/        hugo.toml, layouts/..., content/...          (links to page URLs)

The pages are split the way a partnership site is: 25% 7-minute briefings (exactly
seven `##` parts each), 25% newsletters, 10% strategies and 40% chapters of annual
reports (twelve chapters each, `document: true`). Every page has tables with a
`Table:` caption, lists, footnotes, abbreviations from the glossary, topics from a
fixed list of 20, and links to other pages, some to a heading (`x.md#slug`).

The same seed and page count always give byte-identical files. Python 3 stdlib only.
"""

import argparse
import os
import posixpath
import random
import re
import shutil
import sys

TOPICS = [
    "neglect", "child exploitation", "domestic abuse", "early help", "think family",
    "voice of the child", "professional curiosity", "child sexual abuse", "missing children",
    "mental health", "online safety", "training", "parental substance misuse",
    "private fostering", "safer sleep", "bruising in babies", "youth violence",
    "transition to adulthood", "education", "child deaths",
]

# Every capitalised abbreviation the generator writes; written to data/glossary.yaml.
GLOSSARY = {
    "MASH": "Multi-Agency Safeguarding Hub",
    "CAMHS": "Child and Adolescent Mental Health Services",
    "NSPCC": "National Society for the Prevention of Cruelty to Children",
    "GCP2": "Graded Care Profile 2, a tool for assessing the care a child receives",
    "LADO": "Local Authority Designated Officer",
    "CSE": "Child sexual exploitation",
    "SEND": "Special educational needs and disabilities",
    "GP": "General practitioner, a family doctor",
    "CCG": "Clinical Commissioning Group",
    "CSPR": "Child safeguarding practice review",
    "MARAC": "Multi-Agency Risk Assessment Conference",
    "EHCP": "Education, health and care plan",
}
ABBRS = sorted(GLOSSARY)

AGENCIES = [
    "children's social care", "the police", "health visitors", "schools", "the youth justice service",
    "midwives", "GP practices", "early help teams", "CAMHS", "the MASH", "housing providers",
    "adult mental health services", "probation", "the voluntary sector", "school nurses",
]
SUBJECTS = [
    "Practitioners", "Partners", "Front-line staff", "Managers", "Our audit", "The review panel",
    "Families we spoke to", "Young people", "Designated leads", "The training team",
    "Every agency", "The partnership board", "Inspectors",
]
VERBS = [
    "found that", "told us that", "agreed that", "noticed that", "reported that",
    "showed that", "learned that", "confirmed that",
]
CLAIMS = [
    "{topic} was spotted earlier when {agency} shared what they saw",
    "plans worked better when they described the child's daily life",
    "referrals to {agency} were clearer and more complete than last year",
    "the voice of the child was recorded in most assessments",
    "fathers and other men in the household were often left out of plans",
    "waiting times for {agency} fell during the second half of the year",
    "staff felt more confident to challenge decisions they disagreed with",
    "the threshold guidance was applied more evenly across teams",
    "information about {topic} was not always passed on when a family moved",
    "joint visits with {agency} helped families to trust the plan",
    "training on {topic} led to changes in day-to-day practice",
    "young people wanted one worker they could rely on",
    "records did not always show why a decision was made",
    "supervision gave staff time to reflect on {topic}",
]
ADVICE = [
    "Record what you see, with dates and times.",
    "Talk to the child on their own and write down what they say.",
    "Share your worries with your designated safeguarding lead.",
    "Check whether other agencies already know the family.",
    "Ask about every adult who lives in or visits the home.",
    "Use the GCP2 with the family to look at each area of care.",
    "Call the MASH if you think a child is at risk of harm.",
    "Contact the LADO about any concern about a person who works with children.",
    "Look again at the history before you close a case.",
    "Agree one thing you will do differently after reading this.",
    "Make sure the plan says who will do what, and by when.",
    "Think about how the child's day looks from their point of view.",
]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]
AREAS = [
    "North", "South", "East", "West", "Central", "Darlaston", "Bloxwich", "Willenhall",
    "Aldridge", "Brownhills", "Pelsall", "Streetly",
]
BRIEFING_PARTS = [
    "What is it?", "Why it matters", "What we learned", "What to look out for",
    "What to do", "Questions to ask yourself", "Where to find out more",
]
CHAPTERS = [
    "Foreword", "Introduction", "Local context", "Right help at the right time",
    "Recognising neglect", "Transition to adulthood", "Exploitation", "Working with schools",
    "Practice reviews", "Training and learning", "Evaluation", "Appendices",
]
NEWSLETTER_HEADINGS = [
    "News from the partnership", "Learning from reviews", "Training dates",
    "Good practice from local teams", "Policy updates", "Spotlight on {topic}",
    "Hearing from young people", "Dates for your diary", "Staff changes",
]
STRATEGY_HEADINGS = [
    "Why we need this strategy", "What we know about {topic} locally",
    "What we want to achieve", "How we will do it", "How we will know it is working",
    "Who is responsible", "Our priorities for the next three years", "Funding and resources",
]
EXTERNAL = [
    ("the government's statutory guidance", "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2"),
    ("the NSPCC's learning pages", "https://learning.nspcc.org.uk/"),
    ("the regional safeguarding procedures", "https://www.proceduresonline.com/"),
]


def slugify(text):
    """GitHub-style heading id, as plainsite (comrak) and Hugo (autoHeadingIDType github) make it."""
    text = text.lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def file_slug(name):
    """The URL segment plainsite makes from a file name (`01-foreword.md` → `foreword`)."""
    stem = name[:-3] if name.endswith(".md") else name
    m = re.match(r"^(\d+)[-_](.+)$", stem)
    if m and 2 <= len(m.group(1)) <= 3:
        stem = m.group(2)
    return stem


class Page:
    """One Markdown file, planned before any body text is written so links can point anywhere."""

    def __init__(self, key, kind, title, date, topics, headings, weight=None, section=None):
        self.key = key              # path under content/, e.g. briefings/neglect-0001.md
        self.kind = kind            # briefing | newsletter | strategy | chapter | section | home
        self.title = title
        self.date = date
        self.topics = topics
        self.headings = headings    # the `##` headings, in order
        self.weight = weight
        self.section = section      # for a section page: its extra front matter

    @property
    def url(self):
        """The page's URL path, as both tools make it (`/briefings/x/`)."""
        d, name = posixpath.split(self.key)
        if name == "_index.md":
            return "/" + (d + "/" if d else "")
        return "/" + (d + "/" if d else "") + file_slug(name) + "/"


def plan(n, rng):
    """Decides every page's file, title, date, topics and headings."""
    n_reports = max(1, round(n * 0.40 / 12))
    n_chapters = n_reports * 12
    n_brief = round(n * 0.25)
    n_strat = round(n * 0.10)
    n_news = max(0, n - n_chapters - n_brief - n_strat)

    def pick_topics(k_min=1, k_max=4):
        return rng.sample(TOPICS, rng.randint(k_min, k_max))

    def date(year_lo=2012, year_hi=2024):
        return "%04d-%02d-%02d" % (rng.randint(year_lo, year_hi), rng.randint(1, 12), rng.randint(1, 28))

    pages = []
    pages.append(Page("_index.md", "home", "Safeguarding Children Partnership", "2024-06-30", [], ["What we do", "Latest news"]))
    sections = [
        ("briefings", "7-minute briefings", {"page_kind": "briefing", "sort_by": "date", "paginate_by": 10}),
        ("newsletters", "Newsletters", {"sort_by": "date", "paginate_by": 10}),
        ("strategies", "Strategies", {"sort_by": "title", "paginate_by": 10}),
    ]
    for name, title, extra in sections:
        pages.append(Page(name + "/_index.md", "section", title, "2024-06-30", [], ["About these pages"], section=extra))

    for k in range(n_brief):
        topic = rng.choice(TOPICS)
        area = rng.choice(AREAS)
        title = "%s in %s: briefing %d" % (topic.capitalize(), area, k + 1)
        key = "briefings/%s-%s-%04d.md" % (slugify(topic), slugify(area), k + 1)
        tops = [topic] + [t for t in pick_topics(0, 2) if t != topic]
        pages.append(Page(key, "briefing", title, date(), tops, list(BRIEFING_PARTS)))
    for k in range(n_news):
        d = date()
        y, m = int(d[:4]), int(d[5:7])
        topic = rng.choice(TOPICS)
        title = "%s newsletter: %s %d (issue %d)" % (topic.capitalize(), MONTHS[m - 1], y, k + 1)
        key = "newsletters/%04d-%02d-%s-%04d.md" % (y, m, slugify(topic), k + 1)
        heads = rng.sample(NEWSLETTER_HEADINGS, rng.randint(5, 7))
        heads = [h.format(topic=topic) for h in heads]
        pages.append(Page(key, "newsletter", title, d, [topic] + [t for t in pick_topics(0, 2) if t != topic], heads))
    for k in range(n_strat):
        topic = rng.choice(TOPICS)
        y = rng.randint(2012, 2023)
        title = "%s strategy %d to %d, part %d" % (topic.capitalize(), y, y + 3, k + 1)
        key = "strategies/%s-strategy-%04d.md" % (slugify(topic), k + 1)
        heads = [h.format(topic=topic) for h in STRATEGY_HEADINGS]
        pages.append(Page(key, "strategy", title, date(y, y), [topic] + [t for t in pick_topics(0, 3) if t != topic], heads))
    for r in range(n_reports):
        y = 2000 + r % 24
        sect = "annual-report-%d-%02d-%03d" % (y, (y + 1) % 100, r + 1)
        d = "%04d-10-%02d" % (y + 1, 1 + r % 28)
        pages.append(Page(sect + "/_index.md", "section", "Annual report %d to %d, volume %d" % (y, y + 1, r + 1), d,
                          pick_topics(3, 5), ["The year in brief", "Reading this report"],
                          section={"document": True, "sort_by": "weight", "paginate_by": 10}))
        for c, chapter in enumerate(CHAPTERS):
            key = "%s/%02d-%s.md" % (sect, c + 1, slugify(chapter))
            heads = ["%s: what we set out to do" % chapter, "What we did", "What difference it made",
                     "What we found in audits", "Challenges", "Next steps"]
            heads = rng.sample(heads[1:], rng.randint(3, 5))
            heads.insert(0, "%s: what we set out to do" % chapter)
            pages.append(Page(key, "chapter", chapter, d, pick_topics(1, 4), heads, weight=c + 1))
    return pages


class Writer:
    """Writes one page's body; `link` decides how a link to another page is spelt."""

    def __init__(self, rng, pages, page, for_hugo):
        self.rng = rng
        self.pages = pages
        self.page = page
        self.hugo = for_hugo
        self.notes = []
        self.used_abbr = set()

    def href(self, target, anchor=None):
        if self.hugo:
            rel = posixpath.relpath(target.url, self.page.url)
            h = rel + "/" if rel != "." else "./"
        else:
            base = posixpath.dirname(self.page.key)
            h = posixpath.relpath(target.key, base or ".")
        return h + ("#" + anchor if anchor else "")

    def other(self):
        while True:
            t = self.rng.choice(self.pages)
            if t is not self.page:
                return t

    def link(self):
        t = self.other()
        if t.headings and self.rng.random() < 0.4:
            h = self.rng.choice(t.headings)
            return "[%s](%s)" % (h.rstrip("?").lower() if self.rng.random() < 0.5 else t.title, self.href(t, slugify(h)))
        return "[%s](%s)" % (t.title, self.href(t))

    def sentence(self):
        r = self.rng
        claim = r.choice(CLAIMS).format(topic=r.choice(self.page.topics or TOPICS), agency=r.choice(AGENCIES))
        s = "%s %s %s." % (r.choice(SUBJECTS), r.choice(VERBS), claim)
        x = r.random()
        if x < 0.08:
            s = s[:-1] + " (see %s)." % self.link()
        elif x < 0.14:
            n = len(self.notes) + 1
            self.notes.append(self.footnote())
            s = s[:-1] + "[^%d]." % n
        elif x < 0.22:
            s = s.replace(" that ", " that **", 1)[:-1] + "**."
        elif x < 0.28:
            a = r.choice(ABBRS)
            s += " We shared this with colleagues who work on the %s." % a
        return s

    def footnote(self):
        r = self.rng
        if r.random() < 0.5:
            name, url = r.choice(EXTERNAL)
            return "Source: [%s](%s), %s %d." % (name, url, r.choice(MONTHS), r.randint(2012, 2024))
        return "Figures from the partnership's quarterly data set, %s %d." % (r.choice(MONTHS), r.randint(2012, 2024))

    def paragraph(self, lo=2, hi=5):
        return " ".join(self.sentence() for _ in range(self.rng.randint(lo, hi)))

    def bullets(self, ordered=False):
        r = self.rng
        items = r.sample(ADVICE, r.randint(3, 6))
        if r.random() < 0.3:
            items.append("Read %s." % self.link())
        if ordered:
            return "\n".join("%d. %s" % (i + 1, t) for i, t in enumerate(items))
        return "\n".join("- " + t for t in items)

    def table(self):
        r = self.rng
        topic = r.choice(self.page.topics or TOPICS)
        kind = r.randint(0, 2)
        if kind == 0:
            cap = "Referrals about %s by agency, %d" % (topic, r.randint(2012, 2024))
            head = ["Agency", "April to June", "July to September", "October to December", "January to March", "Total"]
            rows = []
            for a in r.sample(AGENCIES, r.randint(6, 10)):
                q = [r.randint(0, 400) for _ in range(4)]
                rows.append([a[0].upper() + a[1:]] + [str(v) for v in q] + [str(sum(q))])
        elif kind == 1:
            cap = "Training on %s completed" % topic
            head = ["Course", "Places offered", "Places taken", "Rating out of 5"]
            rows = []
            for k in range(r.randint(5, 9)):
                off = r.randint(20, 200)
                rows.append(["%s, level %d" % (r.choice(TOPICS).capitalize(), k + 1), str(off), str(r.randint(10, off)),
                             "%.1f" % (3 + r.random() * 2)])
        else:
            cap = "Progress against our %s priorities" % topic
            head = ["Priority", "Lead agency", "Status", "What happens next"]
            rows = []
            for k in range(r.randint(4, 8)):
                rows.append(["%s %d" % (r.choice(["Improve", "Review", "Agree", "Train staff on"]) + " " + r.choice(TOPICS), k + 1),
                             r.choice(AGENCIES).capitalize(), r.choice(["Done", "On track", "Delayed", "Not started"]),
                             r.choice(ADVICE)])
        lines = ["Table: " + cap, "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)

    def block(self):
        """Some Markdown under one heading: paragraphs, a table, a list."""
        r = self.rng
        out = [self.paragraph(2, 6)]
        if r.random() < 0.75:
            out.append(self.table())
        if r.random() < 0.6:
            out.append(self.bullets(ordered=r.random() < 0.3))
        if r.random() < 0.5:
            out.append(self.paragraph(1, 3))
        return out

    def body(self):
        p, r = self.page, self.rng
        parts = []
        if p.kind != "briefing":
            parts.append(self.paragraph(3, 5))
        for h in p.headings:
            parts.append("## " + h)
            parts += self.block()
            if p.kind in ("chapter", "strategy") and r.random() < 0.5:
                parts.append("### Case study from %s %d" % (r.choice(AREAS), len(parts)))
                parts.append(self.paragraph(2, 4))
                parts.append("> " + self.paragraph(1, 2))
        if self.notes:
            parts.append("\n".join("[^%d]: %s" % (i + 1, t) for i, t in enumerate(self.notes)))
        return "\n\n".join(parts) + "\n"


def front_matter(page, rng_desc, for_hugo):
    lines = ["---", "title: %s" % yaml_str(page.title)]
    desc = "What partners in %s need to know about %s." % (rng_desc.choice(AREAS), (page.topics or ["safeguarding"])[0])
    lines.append("description: %s" % yaml_str(desc))
    lines.append("date: %s" % page.date)
    if page.weight is not None:
        lines.append("weight: %d" % page.weight)
    if page.kind == "chapter":
        lines.append("toc: true")
        if for_hugo:
            lines.append("slug: %s" % file_slug(posixpath.basename(page.key)))
    if page.section:
        for k, v in page.section.items():
            lines.append("%s: %s" % (k, str(v).lower() if isinstance(v, bool) else v))
    if page.topics:
        lines.append("topics:")
        lines += ["  - %s" % t for t in page.topics]
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def yaml_str(s):
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


SITE_YAML = """\
title: Safeguarding Children Partnership
description: A generated site for benchmarking plainsite.
base_url: https://www.example.org/
language: en-GB
menu:
  - { name: 7-minute briefings, url: /briefings/ }
  - { name: Newsletters, url: /newsletters/ }
  - { name: Strategies, url: /strategies/ }
  - { name: Topics, url: /topics/ }
footer_menu:
  - { name: Topics, url: /topics/ }
report_concern:
  text: Report a concern about a child
  url: /briefings/
contact:
  name: Partnership business unit
  email: partnership@example.org
home:
  latest_from: [briefings, newsletters, strategies]
  latest_count: 6
"""

HUGO_TOML = """\
baseURL = "https://www.example.org/"
locale = "en-GB"
title = "Safeguarding Children Partnership"
enableRobotsTXT = true

[services.rss]
  limit = 20

[pagination]
  pagerSize = 10

[taxonomies]
  topic = "topics"

[outputs]
  home = ["html", "rss"]
  section = ["html", "rss"]
  taxonomy = ["html"]
  term = ["html"]

[markup.goldmark.parser]
  autoHeadingIDType = "github"

[markup.tableOfContents]
  startLevel = 2
  endLevel = 3

[params]
  reportConcernText = "Report a concern about a child"
  reportConcernURL = "/briefings/"
  contactEmail = "partnership@example.org"

[[menus.main]]
  name = "7-minute briefings"
  url = "/briefings/"
  weight = 1
[[menus.main]]
  name = "Newsletters"
  url = "/newsletters/"
  weight = 2
[[menus.main]]
  name = "Strategies"
  url = "/strategies/"
  weight = 3
[[menus.main]]
  name = "Topics"
  url = "/topics/"
  weight = 4
"""

# Minimal layouts doing the same work as plainsite's theme: a base with header, menu,
# breadcrumbs and footer; pages with date, topics, a contents list and chapter navigation
# for report chapters; section lists paginated by 10 and topic pages by 20, linking to
# the first, last and neighbouring pages as plainsite's templates do; a topics index.
# Links between listing pages, shared by section and topic pages.
PAGER = """\
{{ if gt $pag.TotalPages 1 }}
<nav class="pagination" aria-label="Pages of {{ .Title }}"><p>Page {{ $pag.PageNumber }} of {{ $pag.TotalPages }}</p><ul>
{{ with $pag.Prev }}<li><a href="{{ .URL }}" rel="prev">Previous page</a></li>{{ end }}
{{ $cur := $pag.PageNumber }}{{ $last := $pag.TotalPages }}{{ range $pag.Pagers }}{{ $n := .PageNumber }}{{ if or (eq $n 1) (eq $n $last) (and (ge $n (sub $cur 1)) (le $n (add $cur 1))) }}<li>{{ if eq $n $cur }}<span aria-current="page">Page {{ $n }}</span>{{ else }}<a href="{{ .URL }}">Page {{ $n }}</a>{{ end }}</li>{{ else if or (eq $n 2) (eq $n (sub $last 1)) }}<li><span class="gap">…</span></li>{{ end }}{{ end }}
{{ with $pag.Next }}<li><a href="{{ .URL }}" rel="next">Next page</a></li>{{ end }}
</ul></nav>
{{ end }}"""

HUGO_LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} - {{ site.Title }}{{ end }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="/css/site.css">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <a class="site-name" href="/">{{ site.Title }}</a>
  <p class="concern"><a href="{{ site.Params.reportConcernURL }}">{{ site.Params.reportConcernText }}</a></p>
  <nav class="site-nav" aria-label="Main menu"><ul>
  {{ $cur := . }}{{ range site.Menus.main }}<li><a href="{{ .URL }}"{{ if eq $cur.RelPermalink .URL }} aria-current="page"{{ end }}>{{ .Name }}</a></li>{{ end }}
  </ul></nav>
</header>
<div class="wrap">
  {{ if not .IsHome }}
  <nav class="breadcrumbs" aria-label="Breadcrumb"><ol>
    {{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ if .IsHome }}Home{{ else }}{{ .Title }}{{ end }}</a></li>{{ end }}
    <li aria-current="page">{{ .Title }}</li>
  </ol></nav>
  {{ end }}
  <main id="main" tabindex="-1">{{ block "main" . }}{{ end }}</main>
</div>
<footer class="site-footer"><p>{{ site.Title }}. Contact: <a href="mailto:{{ site.Params.contactEmail }}">{{ site.Params.contactEmail }}</a>.</p></footer>
</body>
</html>
""",
    "single.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
<p class="dates">Published <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>. {{ .ReadingTime }} minute read.</p>
{{ with .GetTerms "topics" }}<p class="topics">Topics: {{ range $i, $t := . }}{{ if $i }}, {{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}</p>{{ end }}
{{ if .Params.toc }}<nav class="toc" aria-label="Contents"><h2>Contents</h2>{{ .TableOfContents }}</nav>{{ end }}
<div class="content">{{ .Content }}</div>
{{ if .Parent.Params.document }}
<nav class="chapters" aria-label="Chapters"><h2>Chapters</h2><ol>
{{ $cur := . }}{{ range .Parent.Pages.ByWeight }}<li>{{ if eq . $cur }}<span aria-current="page">{{ .Title }}</span>{{ else }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</li>{{ end }}
</ol></nav>
<nav class="prev-next">
{{ with .PrevInSection }}<a rel="next" href="{{ .RelPermalink }}">Next: {{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="prev" href="{{ .RelPermalink }}">Previous: {{ .Title }}</a>{{ end }}
</nav>
{{ end }}
{{ end }}
""",
    "list.html": """\
{{ define "main" }}
{{ $pag := .Paginate .Pages }}
<h1>{{ .Title }}{{ if gt $pag.PageNumber 1 }} <span class="page-of">(page {{ $pag.PageNumber }} of {{ $pag.TotalPages }})</span>{{ end }}</h1>
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
{{ if eq $pag.PageNumber 1 }}<div class="content">{{ .Content }}</div>{{ end }}
<ul class="listing">
{{ range $pag.Pages }}<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Description }}</p><p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p></li>{{ end }}
</ul>
""" + PAGER + """
{{ end }}
""",
    "taxonomy.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="terms">{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
""",
    "term.html": """\
{{ define "main" }}
{{ $pag := .Paginate .Pages 20 }}
<h1>Topic: {{ .Title }}{{ if gt $pag.PageNumber 1 }} <span class="page-of">(page {{ $pag.PageNumber }} of {{ $pag.TotalPages }})</span>{{ end }}</h1>
<ul class="listing">
{{ range $pag.Pages }}<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Description }}</p><p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p></li>{{ end }}
</ul>
""" + PAGER + """
{{ end }}
""",
    "home.html": """\
{{ define "main" }}
<h1>{{ site.Title }}</h1>
<div class="content">{{ .Content }}</div>
<h2>Latest</h2>
<ul class="listing">
{{ range first 6 (where site.RegularPages "Section" "in" (slice "briefings" "newsletters" "strategies")).ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul>
<ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
    "404.html": """\
{{ define "main" }}<h1>Page not found</h1>{{ end }}
""",
}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def generate(n, out, seed):
    pages = plan(n, random.Random(seed))
    if os.path.exists(out):
        shutil.rmtree(out)
    ps, hg = os.path.join(out, "plainsite"), os.path.join(out, "hugo")
    total = 0
    for i, page in enumerate(pages):
        # Both variants use the same random stream, so they differ only in link spelling.
        texts = []
        for for_hugo in (False, True):
            rng = random.Random("%d:%d" % (seed, i))
            fm = front_matter(page, rng, for_hugo)
            texts.append(fm + Writer(rng, pages, page, for_hugo).body())
        write(os.path.join(ps, "content", page.key), texts[0])
        write(os.path.join(hg, "content", page.key), texts[1])
        total += len(texts[0].encode())
    write(os.path.join(ps, "site.yaml"), SITE_YAML)
    write(os.path.join(ps, "data", "glossary.yaml"), "".join("%s: %s\n" % (k, v) for k, v in sorted(GLOSSARY.items())))
    write(os.path.join(hg, "hugo.toml"), HUGO_TOML)
    for name, text in HUGO_LAYOUTS.items():
        write(os.path.join(hg, "layouts", name), text)
    write(os.path.join(hg, "static", "css", "site.css"), "body { font-family: sans-serif; }\n")
    regular = sum(1 for p in pages if p.kind not in ("home", "section"))
    return regular, len(pages), total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, required=True, help="number of pages (not counting section indexes)")
    ap.add_argument("--out", required=True, help="folder to write (replaced if present)")
    ap.add_argument("--seed", type=int, default=8)
    a = ap.parse_args()
    regular, files, size = generate(a.pages, a.out, a.seed)
    print("%d pages (%d Markdown files, %.1f MB, %.1f KB a page on average) in %s"
          % (regular, files, size / 1e6, size / 1e3 / files, a.out), file=sys.stderr)


if __name__ == "__main__":
    main()
