"""Matrix rows of feedback: anyone gives an opinion; facilitators alone read the answers.
The workshop pages exist only in demo mode: their matrix is in tests/test_workshop.py."""

from tests.matrix import ANYONE, ROLES

FACILITATOR_ONLY = {**dict.fromkeys(ROLES, 404), "anonymous": 302, "facilitator": 200}

ROWS = {
    ("feedback.give", "GET"): ANYONE,
    ("feedback.answers", "GET"): FACILITATOR_ONLY,
    ("feedback.answers_csv", "GET"): FACILITATOR_ONLY,
}
# Sending an opinion is tested in tests/test_feedback.py.
POST_ONLY = {"feedback.give"}
