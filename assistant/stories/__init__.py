"""Story-level answers over a span of days: digest, timeline, outlets compared.

    pool       the sentences of the passages a topic retrieves, embedded once, with copies
               of one report (the same wire sentence in several outlets) folded together
    dates      the day a sentence's event happened, resolved against its publication date
    digest     one sentence per distinct development, relevant and new against the rest
    timeline   dated events in order, each event once with every outlet that carried it
    compare    what outlets report differently: numbers, attributions, facts only some carry
    models     the values returned (``Story``, ``StoryItem``, ``Difference``) and their JSON
    service    ``Stories``: the three over one library, a span of days as a hard filter
    route      questions that ask for a story ("What happened with X this week?"), and a
               digest told as a chat answer

Every item cites exact offsets of a stored article, checked like an answer's citations.
"""
