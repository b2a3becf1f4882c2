"""The text a browser shows in HTML pages, as html5lib's tree has it.

The oracle of promiselint's differential test (tests/it/html_differential.rs).
It reads a JSON request on stdin:

    {"pages": ["<p>…", …], "references": ["&amp;", …]}

and writes a JSON answer on stdout:

    {"pages": [["word", …], …], "references": ["&", …]}

A page is answered with its words in document order, a word ending where
white space is and where a block of copy ends (a block element opens or
closes, an `alt` or `title` value starts or ends, a `<br>` breaks the
line): what promiselint's reader documents as copy, read from html5lib's
tree rather than from the source.
Scripting is off, as html5lib parses by default, so `<noscript>` content is
markup and shown. Not shown: comments, and the content of the HTML elements
that browsers never render as text (script, style, template, iframe,
noembed, noframes). Words split at HTML whitespace only.

A reference is answered with the text html5lib reads for it alone.
"""

import json
import re
import sys

import html5lib

# Must stay the reader's list (src/copy/html.rs, BLOCK): a difference shows
# as a failing differential test.
BLOCK = set(
    """address article aside audio blockquote button canvas caption center dd
    details dialog dir div dl dt fieldset figcaption figure footer form h1 h2 h3
    h4 h5 h6 header hgroup hr iframe legend li listing main menu nav object
    ol optgroup option p plaintext pre section select summary table tbody
    td textarea tfoot th thead title tr ul video xmp""".split()
)
HIDDEN = {"script", "style", "template", "iframe", "noembed", "noframes"}
COPY_ATTRIBUTES = ("alt", "title")
BREAK = "\u00b6"
SPACE = re.compile(r"[ \t\n\r\f]+")


def words(page):
    out = []

    def text(value):
        if value:
            out.append(value)

    def walk(element):
        if not isinstance(element.tag, str):  # a comment
            return
        # HTML elements have plain names; SVG and MathML ones a namespace.
        html = not element.tag.startswith("{")
        block = html and (element.tag in BLOCK or element.tag == "br")
        if block:
            out.append(BREAK)
        for name in COPY_ATTRIBUTES:
            if name in element.attrib:
                out.extend((BREAK, element.attrib[name], BREAK))
        if not (html and element.tag in HIDDEN):
            text(element.text)
            for child in element:
                walk(child)
                text(child.tail)
        if block:
            out.append(BREAK)

    walk(html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False))
    result = []
    for piece in out:
        if piece == BREAK:
            result.append(BREAK)
        else:
            # A piece's edges are word boundaries only where white space is.
            parts = SPACE.split(piece)
            for i, part in enumerate(parts):
                if i > 0:
                    result.append(BREAK)
                result.append(part)
    # Join runs of text into words; a break splits them.
    joined, word = [], ""
    for piece in result:
        if piece == BREAK:
            if word:
                joined.append(word)
            word = ""
        else:
            word += piece
    if word:
        joined.append(word)
    return joined


def reference(source):
    fragment = html5lib.parseFragment(source, treebuilder="etree", namespaceHTMLElements=False)
    return "".join(fragment.itertext())


def main():
    request = json.load(sys.stdin)
    json.dump(
        {
            "pages": [words(page) for page in request["pages"]],
            "references": [reference(source) for source in request["references"]],
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
