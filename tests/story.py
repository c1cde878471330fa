"""A dock strike told over a week by three outlets, written for the tests (no real article text).

One wire sentence is carried word for word by two outlets, they disagree on a number and on
who said a quotation, and an older article reported the strike threat; one article is about
something else. Used by the unit tests (hash embedding) and the browser test (real model).
"""

from __future__ import annotations

WIRE = "Dock workers at Northport walked off the job on Monday, halting cargo traffic at the harbor."
ARTICLES = [
    {
        "title": "Northport dock workers threaten strike",
        "source": "Port Gazette",
        "publish_date": "2025-02-20",
        "url": "https://gazette.example/threat",
        "text": "Dock workers at Northport threatened a strike over pay on Tuesday. "
        "The union has demanded a raise of nine percent for crane operators and loaders. "
        "Port managers called the demand unaffordable in a statement to members.",
    },
    {
        "title": "Northport dock strike begins",
        "source": "Port Gazette",
        "publish_date": "2025-03-03",
        "url": "https://gazette.example/strike-begins",
        "text": f"{WIRE}\nThe union said 1,200 members joined the dock strike at the Northport harbor. "
        '"We will not return until wages rise," said union leader Mara Quist.\n'
        "Ships queued outside the breakwater as the dock strike at Northport entered its first night.",
    },
    {
        "title": "Cargo piles up as Northport strike continues",
        "source": "Coast Times",
        "publish_date": "2025-03-04",
        "url": "https://coast.example/cargo",
        "text": f"{WIRE}\nThe union said 1,500 members joined the dock strike at the Northport harbor. "
        '"We will not return until wages rise," said harbor manager Leo Brandt.\n'
        "Farmers warned that fruit exports through Northport would rot on the quay within days.",
    },
    {
        "title": "Talks resume in Northport dock strike",
        "source": "Harbor Daily",
        "publish_date": "2025-03-06",
        "url": "https://harbor.example/talks",
        "text": "Talks between the Northport dock union and the port authority resumed on Wednesday. "
        "A mediator from the labour ministry will join the Northport strike talks next Monday. "
        "The port authority offered dock workers a raise of six percent over two years.",
    },
    {
        "title": "Central bank holds rates steady",
        "source": "Money Wire",
        "publish_date": "2025-03-05",
        "url": "https://money.example/rates",
        "text": "The central bank kept its main interest rate at 4.5 percent on Thursday. "
        "Governor Elena Marsh said inflation was cooling but remained above its target.",
    },
]
TOPIC = "Northport dock strike"
