#!/usr/bin/env python3
"""Generate a benchmark corpus for promiselint: marketing-like Markdown with
promise phrases at a known rate, plus the promise file and a phrase list for
ripgrep.

    gen.py --out DIR --size-mb 200 --files 4000 --phrases 50 --rate 4 --seed 1

writes

    DIR/site/**/*.md      the copy: headings, paragraphs, lists, emphasis,
                          links, some front matter and code fences
    DIR/promises.promise  one policy, the promises, one touchpoint over site/
    DIR/phrases.txt       one literal per promise, as `rg -F -f` searches it
    DIR/expected.json     what was inserted, per promise, so a scanner's
                          match counts can be checked against it

The same arguments always give the same bytes (one seeded RNG, no clock, no
set iteration). Standard library only; every word comes from the lists below.
"""

import argparse
import json
import os
import random
import re
import sys

# ---------------------------------------------------------------------------
# Policy and promises
# ---------------------------------------------------------------------------
# One policy, `store`. The promises below are checked against it; most are
# kept, PLAIN_BROKEN are not, and every templated promise has figures that
# the policy backs ("kept") and figures it does not ("broken").

POLICY = """\
policy store {
  returns {
    window           = 30 days
    restocking_fee   = 0%
    receipt_required = no
    exchange_fee     = 0%
    label_included   = yes
    instant_credit   = yes
    refund_method    = "original payment"
  }
  shipping {
    delivery         = 2 to 5 days
    dispatch         = 24 hours
    free_over        = $50
    free_standard    = yes
    minimum_order    = $0
    tracking         = yes
    international    = yes
    carbon_neutral   = no
  }
  support {
    reply_time       = 24 hours
    channels         = ["phone", "email", "chat"]
    always_open      = yes
    live_chat        = yes
    human_agents     = yes
  }
  warranty {
    standard          = 2 years
    frame             = unlimited
    accidental_damage = no
  }
  pricing {
    price_match       = yes
    price_lock        = 12 months
    price_protection  = 30 days
    welcome_discount  = 15%
    student_discount  = 10%
    hidden_fees       = no
    setup_fee         = $0
    cancel_fee        = $0
  }
  membership {
    discount          = 10%
    annual_fee        = $0
  }
  checkout {
    encrypted         = yes
    installments      = yes
    gift_wrap_fee     = $0
  }
  sourcing {
    audited                = yes
    recycled_share         = 60%
    plastic_free_packaging = yes
  }
  services {
    assembly          = yes
    removal_fee       = $25
    click_and_collect = yes
  }
  trial {
    length            = 100 days
  }
}
"""

# How a phrase sits in a sentence: a noun phrase ("np": "Enjoy X."), a
# predicate that needs one of its subjects ("vp": "Your order X."), or a
# clause that stands alone ("cl": "X.").
#
# Plain promise: (phrase, kind, subjects, requires).
PLAIN = [
    ("hassle-free returns", "np", None,
     "store.returns.restocking_fee == 0% and store.returns.receipt_required == no"),
    ("no questions asked", "cl", None, "store.returns.receipt_required == no"),
    ("free return shipping", "np", None, "store.returns.label_included == yes"),
    ("free exchanges", "np", None, "store.returns.exchange_fee == 0%"),
    ("no restocking fees", "np", None, "store.returns.restocking_fee == 0%"),
    ("prepaid return label", "np", None, "store.returns.label_included == yes"),
    ("instant store credit", "np", None, "store.returns.instant_credit == yes"),
    ("refunds to your original payment method", "np", None,
     'store.returns.refund_method == "original payment"'),
    ("satisfaction guaranteed", "cl", None, "store.returns.window >= 30 days"),
    ("free standard shipping", "np", None, "store.shipping.free_standard == yes"),
    ("no minimum order", "np", None, "store.shipping.minimum_order == $0"),
    ("real-time order tracking", "np", None, "store.shipping.tracking == yes"),
    ("carbon-neutral shipping", "np", None, "store.shipping.carbon_neutral == yes"),
    ("we ship worldwide", "cl", None, "store.shipping.international == yes"),
    ("same-day dispatch", "np", None, "store.shipping.dispatch <= 24 hours"),
    ("24/7 customer support", "np", None, "store.support.always_open == yes"),
    ("talk to a real person", "vp", ["You can", "Customers can", "Members can"],
     "store.support.human_agents == yes"),
    ("live chat support", "np", None, "store.support.live_chat == yes"),
    ("support by phone, email or chat", "np", None,
     '"phone" in store.support.channels and "chat" in store.support.channels'),
    ("lifetime warranty on frames", "np", None, "store.warranty.frame == unlimited"),
    ("accidental damage cover", "np", None, "store.warranty.accidental_damage == yes"),
    ("price match guarantee", "np", None, "store.pricing.price_match == yes"),
    ("we'll match any competitor's price", "cl", None, "store.pricing.price_match == yes"),
    ("no hidden fees", "np", None, "store.pricing.hidden_fees == no"),
    ("no setup fees", "np", None, "store.pricing.setup_fee == $0"),
    ("cancel anytime", "cl", None, "store.pricing.cancel_fee == $0"),
    ("no cancellation fees", "np", None, "store.pricing.cancel_fee == $0"),
    ("student discount", "np", None, "store.pricing.student_discount >= 5%"),
    ("no annual fee", "np", None, "store.membership.annual_fee == $0"),
    ("secure checkout", "np", None, "store.checkout.encrypted == yes"),
    ("buy now, pay later", "cl", None, "store.checkout.installments == yes"),
    ("gift wrapping at no extra cost", "np", None, "store.checkout.gift_wrap_fee == $0"),
    ("ethically sourced materials", "np", None, "store.sourcing.audited == yes"),
    ("made from recycled materials", "vp", ["Every piece is", "This collection is", "Our packaging is"],
     "store.sourcing.recycled_share >= 50%"),
    ("plastic-free packaging", "np", None, "store.sourcing.plastic_free_packaging == yes"),
    ("assembly included", "cl", None, "store.services.assembly == yes"),
    ("free haul-away", "np", None, "store.services.removal_fee == $0"),
    ("click and collect", "np", None, "store.services.click_and_collect == yes"),
]
# The plain promises the policy above fails: carbon_neutral = no,
# accidental_damage = no, removal_fee = $25.
PLAIN_BROKEN = {"carbon-neutral shipping", "accidental damage cover", "free haul-away"}

# Templated promise: (phrase, kind, subjects, requires, kept figures, broken
# figures). Figures are what copy writes in place of the capture.
TEMPLATED = [
    ("{n}-day returns", "np", None, "store.returns.window >= n days",
     ["14", "30"], ["60", "90"]),
    ("return it within {n} days", "vp", ["You can", "Changed your mind? You can"],
     "store.returns.window >= n days", ["14", "30"], ["45", "60"]),
    ("arrives in {n} days", "vp", ["Your order", "Every parcel", "Your new <product>"],
     "store.shipping.delivery.max <= n days", ["5", "7"], ["2", "3"]),
    ("ships within {n} hours", "vp", ["Your order", "Every order", "The <product>"],
     "store.shipping.dispatch <= n hours", ["24", "48"], ["4", "12"]),
    ("free shipping on orders over {x:money}", "np", None,
     "store.shipping.free_over <= x", ["$50", "$75", "$100"], ["$25", "$35"]),
    ("{n}-year warranty", "np", None, "store.warranty.standard >= n years",
     ["1", "2"], ["3", "5"]),
    ("{n}-day trial", "np", None, "store.trial.length >= n days",
     ["30", "60", "100"], ["365"]),
    ("members save {p:percent}", "cl", None, "store.membership.discount >= p",
     ["5%", "10%"], ["15%", "20%"]),
    ("{p:percent} off your first order", "np", None,
     "store.pricing.welcome_discount >= p", ["10%", "15%"], ["20%", "25%"]),
    ("replies within {n} hours", "vp", ["Our support team", "Our team", "A real person"],
     "store.support.reply_time <= n hours", ["24", "48"], ["1", "2", "4"]),
    ("price lock for {n} months", "np", None, "store.pricing.price_lock >= n months",
     ["6", "12"], ["18", "24"]),
    ("price protection for {d:duration}", "np", None,
     "store.pricing.price_protection >= d", ["14 days", "2 weeks", "30 days"],
     ["45 days", "8 weeks"]),
]

# How often copy states a figure the policy does not back.
BROKEN_FIGURE_SHARE = 0.05
# How often a phrase appears under negation ("we no longer offer ..."): not a
# promise, but ripgrep counts it. Realistic on legal and policy pages.
NEGATED_SHARE = 0.03

NUMBER_WORDS = {
    "1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six",
    "7": "seven", "12": "twelve", "14": "fourteen", "18": "eighteen",
    "24": "twenty-four", "30": "thirty", "45": "forty-five", "48": "forty-eight",
    "60": "sixty", "90": "ninety", "100": "one hundred",
}

# ---------------------------------------------------------------------------
# Vocabulary: a fictional shop's words. Nothing here may contain a promise
# phrase or its ripgrep literal ("arrives in", "ships within", ...), or
# ripgrep's counts would drift from expected.json.
# ---------------------------------------------------------------------------
SYLLABLES = ("ka lo mi ren tor va sel dun bri hal nor qui zen fa pel ris mon tal "
             "ve cor lin das mer oak fen wil ash tam ro bel").split()
PRODUCTS = ("blanket kettle lamp backpack mattress sofa jacket planter mug rug chair "
            "desk pillow speaker charger duvet skillet teapot bookshelf stool towel "
            "candle apron cushion bench wardrobe sideboard throw vase tote bottle "
            "grinder toaster headboard ottoman curtain basket").split()
THINGS = ("order account basket checkout parcel subscription invoice gift card "
          "wishlist profile newsletter catalogue showroom collection range season "
          "workshop studio warehouse team community guide").split()
ADJECTIVES = ("cozy durable lightweight handcrafted sturdy timeless modern classic "
              "soft breathable compact generous thoughtful elegant practical "
              "versatile washable bright quiet warm natural refined honest simple "
              "weatherproof stackable foldable reversible").split()
ADVERBS = ("carefully thoughtfully quietly beautifully easily simply gently "
           "properly neatly proudly").split()
VERBS = ("discover explore browse compare choose pair style refresh upgrade "
         "personalise unwrap arrange layer mix match display").split()
AUDIENCES = ["busy families", "small apartments", "first homes", "slow mornings",
             "long evenings", "weekend guests", "home offices", "growing kids",
             "every season", "city living", "outdoor dinners"]
MATERIALS = ["oak", "walnut", "linen", "wool", "cotton", "stoneware", "cast iron",
             "bamboo", "rattan", "brass", "recycled glass", "organic cotton"]
COLOURS = ["sage", "sand", "charcoal", "ivory", "terracotta", "ocean", "moss",
           "clay", "midnight", "oat"]

SENTENCES = [
    "Our <adj> <product> is <adv> designed for <aud>.",
    "Made from <material>, the <name> <product> gets better with every use.",
    "<Verb> the full <name> <thing> and find the piece that fits your space.",
    "Each <product> is finished by hand in our studio, so no two are quite alike.",
    "The <colour> edition pairs well with <material> and <colour> accents.",
    "If you have a question about your <thing>, our guides cover the basics.",
    "We test every <product> for months before it joins the <name> collection.",
    "Sign in to your account to see saved items and past purchases.",
    "Care is simple: wipe with a damp cloth and let it dry <adv>.",
    "Customers tell us the <name> <product> feels <adj> and looks even better in person.",
    "Our team picks the most <adj> pieces of the <name> <thing> each week.",
    "You can <verb> colours, sizes and finishes before you decide.",
    "Measure your room first, then <verb> a <product> that leaves space to move.",
    "The <adj> <material> frame holds its shape for years.",
    "Small details matter: <adj> seams, <adj> stitching and a <adj> finish.",
    "Looking for a gift? The <name> <product> comes in a <colour> box.",
    "Our designers visit the workshop every season to <verb> new ideas.",
    "Read the <link> for sizes, materials and care notes.",
    "Every <product> in the <name> line is <adj>, <adj> and easy to live with.",
    "Add a <colour> <product> to <verb> a corner without a full makeover.",
    "Questions about sizing are answered in the <link>.",
    "The <product> ships flat and goes together in about twenty minutes.",
    "Most customers choose the <colour> finish, but <colour> is close behind.",
    "Join the newsletter for early access to the <name> collection.",
    "Update your profile details at any time from the settings page.",
    "Use the filters to <verb> by material, colour or room.",
    "A <adj> <product> can change how a room feels in the evening.",
    "Please keep your order number handy when you contact the <name> <thing>.",
]
HEADINGS = [
    "Why you will love the <name> <product>", "Care and cleaning", "Materials",
    "Frequently asked questions", "Sizing guide", "About our <thing>",
    "Delivery and collection", "Your <thing>", "How it is made",
    "Meet the <name> <thing>", "Getting started", "Payments", "Gift ideas",
    "The <colour> edition", "Room by room", "Account help", "Our materials",
]
# Frames that make a promise of each kind; `@P` is the phrase, `@S` one of
# the promise's subjects.
FRAMES = {
    "np": ["Every order comes with @P.", "Enjoy @P on the whole <name> range.",
           "@P, as standard.", "We offer @P on every <product>.",
           "Look for the badge: @P.", "Shop the <name> <thing> with @P.",
           "All of this with @P, of course."],
    "vp": ["@S @P.", "Good news: @S @P.", "@S @P, every time."],
    "cl": ["@P.", "Good news: @P.", "@P, every day of the year.", "Remember: @P."],
}
# Only noun phrases are negated: "We no longer offer free exchanges."
NEGATION_FRAMES = ["We no longer offer @P.", "Please note that we do not provide @P.",
                   "This item is not eligible for @P."]
CODE_BLOCKS = [
    ("html", '<div class="product-widget" data-sku="<sku>" data-theme="<colour>"></div>\n'
             '<script src="/assets/widget.js" defer></script>'),
    ("json", '{\n  "sku": "<sku>",\n  "colour": "<colour>",\n  "material": "<material>"\n}'),
    ("sh", "curl -s https://example.com/api/catalogue/<sku> \\\n  -H 'Accept: application/json'"),
]
SECTIONS = ["help", "blog", "guides", "company", "legal", "landing",
            "products/kitchen", "products/living", "products/bedroom",
            "products/outdoor"]

SLOT = re.compile(r"<(\w+)>")
A_VOWEL = re.compile(r"\b([Aa]) ([aeiou])")  # "a ottoman" -> "an ottoman"


class Writer:
    """Builds Markdown text and decides when the next promise is due.

    A promise is due every `gap` characters of copy, `gap` drawn uniformly
    from [rate/2, 3*rate/2] KiB, so the mean rate is `rate` KiB per phrase
    while positions do not fall on a fixed grid.
    """

    def __init__(self, rng, promises, rate_kib):
        self.rng = rng
        self.promises = promises
        self.rate = rate_kib * 1024
        self.since = 0
        self.gap = self.next_gap()
        self.stats = {p["title"]: {"inserted": 0, "broken_figure": 0, "negated": 0}
                      for p in promises}
        self.variants = {"line_break": 0, "dash": 0, "nbsp": 0, "curly_quote": 0,
                         "number_word": 0, "emphasis": 0, "split_emphasis": 0,
                         "upper": 0, "title_case": 0}

    def next_gap(self):
        return int(self.rng.uniform(0.5, 1.5) * self.rate)

    def due(self):
        return self.since >= self.gap

    def fill(self, template):
        r = self.rng

        def slot(m):
            key = m.group(1)
            if key == "adj":
                return r.choice(ADJECTIVES)
            if key == "adv":
                return r.choice(ADVERBS)
            if key == "product":
                return r.choice(PRODUCTS)
            if key == "thing":
                return r.choice(THINGS)
            if key == "aud":
                return r.choice(AUDIENCES)
            if key == "material":
                return r.choice(MATERIALS)
            if key == "colour":
                return r.choice(COLOURS)
            if key == "verb":
                return r.choice(VERBS)
            if key == "Verb":
                return r.choice(VERBS).capitalize()
            if key == "name":
                return self.name()
            if key == "sku":
                return f"{r.choice(SYLLABLES).upper()}-{r.randrange(1000, 9999)}"
            if key == "link":
                words = f"{r.choice(ADJECTIVES)} {r.choice(PRODUCTS)} guide"
                return f"[{words}](https://example.com/guides/{words.replace(' ', '-')})"
            raise KeyError(key)

        return A_VOWEL.sub(r"\1n \2", SLOT.sub(slot, template))

    def name(self):
        r = self.rng
        return "".join(r.choice(SYLLABLES) for _ in range(r.randint(2, 3))).capitalize()

    def sentence(self):
        """A sentence of prose, or a promise sentence when one is due."""
        if self.due():
            return self.promise_sentence()
        s = self.fill(self.rng.choice(SENTENCES))
        if self.rng.random() < 0.05:  # some emphasis on a word
            words = s.split(" ")
            i = self.rng.randrange(len(words) - 1)
            if words[i].isalpha():  # not inside a link
                words[i] = f"*{words[i]}*" if self.rng.random() < 0.5 else f"**{words[i]}**"
                s = " ".join(words)
        self.since += len(s)
        return s

    def promise_sentence(self, bare=False):
        """Renders a promise phrase, records it, and sets it in a frame; or,
        when `bare` (a list item or a heading), returns it alone, capitalised
        and on one line."""
        r = self.rng
        p = r.choice(self.promises)
        st = self.stats[p["title"]]
        st["inserted"] += 1
        phrase = p["phrase"]
        if p["kept"] is not None:  # templated: choose a figure
            broken = r.random() < BROKEN_FIGURE_SHARE
            figure = r.choice(p["broken"] if broken else p["kept"])
            st["broken_figure"] += broken
            if p["capture"] == "n" and figure in NUMBER_WORDS and r.random() < 0.2:
                figure = NUMBER_WORDS[figure]
                self.variants["number_word"] += 1
            phrase = re.sub(r"\{\w+(:\w+)?\}", lambda _: figure, phrase)
        phrase = self.vary(phrase, line_break=not bare)
        self.since = 0
        self.gap = self.next_gap()
        if bare:
            return capitalise(phrase)
        if p["kind"] == "np" and r.random() < NEGATED_SHARE:
            st["negated"] += 1
            frame = r.choice(NEGATION_FRAMES)
        else:
            frame = r.choice(FRAMES[p["kind"]])
        frame = self.fill(frame)
        if "@S" in frame:
            frame = frame.replace("@S", self.fill(r.choice(p["subjects"])))
        if frame.startswith("@P"):
            phrase = capitalise(phrase)
        return frame.replace("@P", phrase)

    def vary(self, phrase, line_break):
        """The ways real copy writes a phrase: case, dashes, curly quotes, a
        non-breaking space, a line break inside it, emphasis around it or
        inside it. Its remaining spaces come back as \\0, so that wrapping
        never breaks a phrase by accident: the only line break inside a
        phrase is the one chosen here, and it is counted."""
        r, v = self.rng, self.variants
        roll = r.random()
        if roll < 0.03:
            phrase, v["upper"] = phrase.upper(), v["upper"] + 1
        elif roll < 0.13:
            # Not str.title(), which writes "We'Ll".
            phrase = " ".join(w[:1].upper() + w[1:] for w in phrase.split(" "))
            v["title_case"] += 1
        if "-" in phrase and r.random() < 0.15:
            phrase = phrase.replace("-", r.choice(["\u2011", "\u2010", "\u2013"]))
            v["dash"] += 1
        if "'" in phrase and r.random() < 0.4:
            phrase = phrase.replace("'", "\u2019")
            v["curly_quote"] += 1
        words = phrase.split(" ")
        seps = ["\0"] * (len(words) - 1)
        if seps:
            roll = r.random()
            if roll < 0.10 and line_break:
                seps[r.randrange(len(seps))] = "\n"
                v["line_break"] += 1
            elif roll < 0.15:
                seps[r.randrange(len(seps))] = "\u00a0"
                v["nbsp"] += 1
        roll = r.random()
        if roll < 0.08:
            words[0], words[-1] = "**" + words[0], words[-1] + "**"
            v["emphasis"] += 1
        elif roll < 0.11 and seps:
            # Markup in the middle of a phrase: "**hassle-free** returns".
            words[0] = f"**{words[0]}**"
            v["split_emphasis"] += 1
        return "".join(w + s for w, s in zip(words, seps + [""]))

    def paragraph(self, wrap):
        n = self.rng.randint(2, 7)
        text = " ".join(self.sentence() for _ in range(n))
        return wrap_text(text) if wrap else text.replace("\0", " ")

    def list_block(self):
        r = self.rng
        marker = r.choice(["-", "*", "1."])
        items = []
        for i in range(r.randint(3, 6)):
            if self.due() and r.random() < 0.5:
                item = self.promise_sentence(bare=True).replace("\0", " ")
            else:
                item = self.fill(r.choice([
                    "<Verb> the <adj> <product>", "<material> and <material>",
                    "Available in <colour> and <colour>", "<adj> and <adj>",
                    "Fits <aud>", "Ready for <aud>"]))
                item = item[0].upper() + item[1:]
                self.since += len(item)
            m = f"{i + 1}." if marker == "1." else marker
            items.append(f"{m} {item}")
        return "\n".join(items)

    def heading(self, level):
        if level == 2 and self.due() and self.rng.random() < 0.2:
            text = self.promise_sentence(bare=True).replace("\0", " ")
        else:
            text = self.fill(self.rng.choice(HEADINGS))
            self.since += len(text)
        return "#" * level + " " + text

    def code_block(self):
        lang, body = self.rng.choice(CODE_BLOCKS)
        return f"```{lang}\n{self.fill(body)}\n```"

    def front_matter(self, title):
        r = self.rng
        return (f'---\ntitle: "{title}"\n'
                f"updated: 2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}\n"
                f"tags: [{r.choice(PRODUCTS)}, {r.choice(COLOURS)}]\n---")

    def document(self, target_chars):
        """One Markdown file of about `target_chars` characters."""
        r = self.rng
        wrap = r.random() < 0.5  # half the files hard-wrap their paragraphs
        title = self.fill(r.choice(HEADINGS))
        blocks = []
        if r.random() < 0.3:
            blocks.append(self.front_matter(title))
        blocks.append("# " + title)
        size = sum(len(b) for b in blocks)
        while size < target_chars:
            section = [self.heading(2)]
            for _ in range(r.randint(1, 4)):
                section.append(self.paragraph(wrap))
                roll = r.random()
                if roll < 0.25:
                    section.append(self.list_block())
                elif roll < 0.30:
                    section.append(self.code_block())
            blocks.extend(section)
            size += sum(len(b) + 2 for b in section)
        return "\n\n".join(blocks) + "\n"


def capitalise(text):
    """Upper-cases the first letter, wherever markup puts it."""
    for i, c in enumerate(text):
        if c.isalpha():
            return text[:i] + c.upper() + text[i + 1:]
    return text


def wrap_text(text, width=80):
    """Hard-wraps at spaces. \\0 joins words that must not be split (the
    phrase's own spaces); a \\n already in the text starts a new line."""
    lines, line, col = [], [], 0
    for word in text.split(" "):
        if line and col + 1 + len(word) > width:
            lines.append(" ".join(line))
            line, col = [], 0
        line.append(word)
        col += len(word) + (1 if col else 0)
        if "\n" in word:
            col = len(word) - word.rindex("\n") - 1
    lines.append(" ".join(line))
    return "\n".join(lines).replace("\0", " ")


def build_promises(count, rng):
    promises = []
    for phrase, kind, subjects, requires in PLAIN:
        promises.append(dict(title=phrase, phrase=phrase, kind=kind, subjects=subjects,
                             requires=requires, kept=None, broken=None, capture=None,
                             literal=phrase))
    for phrase, kind, subjects, requires, kept, broken in TEMPLATED:
        capture = re.search(r"\{(\w+)", phrase).group(1)
        # What ripgrep searches: the longest literal part of the phrase.
        literal = max((s.strip() for s in re.split(r"\{[^}]*\}", phrase)), key=len)
        title = re.sub(r"\{(\w+):\w+\}", r"{\1}", phrase)
        promises.append(dict(title=title, phrase=phrase, kind=kind, subjects=subjects,
                             requires=requires, kept=kept, broken=broken,
                             capture=capture, literal=literal))
    if not 1 <= count <= len(promises):
        sys.exit(f"gen.py: --phrases must be between 1 and {len(promises)}")
    if count < len(promises):  # a seeded subset, in the original order
        keep = sorted(rng.sample(range(len(promises)), count))
        promises = [promises[i] for i in keep]
    return promises


def promise_file(promises, args):
    out = [
        "# Generated by bench/gen.py for the benchmark; do not edit.",
        f"# --size-mb {args.size_mb} --files {args.files} --phrases {args.phrases} "
        f"--rate {args.rate} --seed {args.seed}",
        "",
        POLICY,
    ]
    for p in promises:
        out.append(f'promise "{p["title"]}" {{')
        out.append(f'  says "{p["phrase"]}"')
        out.append(f"  requires {p['requires']}")
        out.append("}\n")
    out.append('touchpoint website "Website" {\n  files "site/**/*.md"\n}\n')
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="output folder (created)")
    ap.add_argument("--size-mb", type=float, default=200, help="total size of the copy, MiB")
    ap.add_argument("--files", type=int, default=4000, help="number of Markdown files")
    ap.add_argument("--phrases", type=int, default=50, help="number of promises (max 50)")
    ap.add_argument("--rate", type=float, default=4, help="one phrase per RATE KiB of copy")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if args.files < 1 or args.size_mb <= 0 or args.rate <= 0:
        sys.exit("gen.py: --files, --size-mb and --rate must be positive")

    rng = random.Random(args.seed)
    promises = build_promises(args.phrases, rng)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "promises.promise"), "w", encoding="utf-8") as f:
        f.write(promise_file(promises, args))
    with open(os.path.join(args.out, "phrases.txt"), "w", encoding="utf-8") as f:
        f.write("".join(p["literal"] + "\n" for p in promises))

    # File sizes vary from half to one and a half times the mean.
    total = int(args.size_mb * 1024 * 1024)
    weights = [rng.uniform(0.5, 1.5) for _ in range(args.files)]
    scale = total / sum(weights)
    writer = Writer(rng, promises, args.rate)
    written = planned = 0
    for i, w in enumerate(weights):
        # A file overshoots its size by part of a section; the next one
        # makes up for it, so the total lands on --size-mb.
        planned += w * scale
        folder = os.path.join(args.out, "site", SECTIONS[i % len(SECTIONS)])
        os.makedirs(folder, exist_ok=True)
        slug = f"{i:05d}-{writer.name().lower()}-{rng.choice(PRODUCTS)}.md"
        data = writer.document(int(planned - written)).encode("utf-8")
        with open(os.path.join(folder, slug), "wb") as f:
            f.write(data)
        written += len(data)

    inserted = sum(s["inserted"] for s in writer.stats.values())
    broken_plain = sum(writer.stats[p["title"]]["inserted"] for p in promises
                       if p["title"] in PLAIN_BROKEN)
    broken_figures = sum(s["broken_figure"] for s in writer.stats.values())
    negated = sum(s["negated"] for s in writer.stats.values())
    expected = {
        "args": {k: v for k, v in vars(args).items() if k != "out"},
        "files": args.files,
        "bytes": written,
        "inserted": inserted,
        "negated": negated,
        "broken_plain_promises": sorted(PLAIN_BROKEN & {p["title"] for p in promises}),
        "inserted_broken_plain": broken_plain,
        "inserted_broken_figure": broken_figures,
        "variants": writer.variants,
        "promises": writer.stats,
    }
    with open(os.path.join(args.out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=2)
        f.write("\n")

    print(f"wrote {args.files} files, {written} bytes ({written / 2**20:.1f} MiB) "
          f"under {os.path.join(args.out, 'site')}")
    print(f"  {len(promises)} promises in promises.promise "
          f"({sum(p['kept'] is None for p in promises)} plain, "
          f"{sum(p['kept'] is not None for p in promises)} templated), "
          f"{len(promises)} literals in phrases.txt")
    print(f"  {inserted} phrases inserted (one per {written / max(inserted, 1) / 1024:.2f} KiB), "
          f"{negated} of them negated; "
          f"{broken_plain} of broken plain promises, {broken_figures} with a broken figure")
    print("  variants: " + ", ".join(f"{k} {v}" for k, v in writer.variants.items()))


if __name__ == "__main__":
    main()
