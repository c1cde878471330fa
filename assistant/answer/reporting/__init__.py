"""Questions about the reporting rather than the story, answered before any answerer.

Who is quoted (``quoted``), who wrote it, when and where it was published (``record``), and
what the article says as a whole (``summary``). ``about_reporting`` routes a question to one of
them, or to none.
"""

from .record import about_record, about_reporting, answer_from_record

__all__ = ["about_record", "about_reporting", "answer_from_record"]
