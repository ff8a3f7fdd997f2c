"""Schemathesis hooks of the fuzz layer (scripts/fuzz/run): signed-in sessions.

Every account endpoint needs an employee's session and every desk endpoint a
support agent's, so a fuzzer without one only ever hears 401 there. These auth
providers sign in through the API itself, as a browser would: the PIN, then a
one-time PIN read from the demo's dev outbox. Jordan is the employee; Sam, whom
scripts/fuzz/run grants support_agent with the admin CLI, is the agent. A
session the fuzzer ends (sign-out, "sign out everywhere") answers 401, which
makes schemathesis sign in again.
"""

import os
import re
import time

import requests
import schemathesis

BASE_URL = os.environ["UPSERS_FUZZ_BASE_URL"]
# The demo's employees (PRODUCT.md).
JORDAN = ("1234567", "Brown-Truck-1907")
SAM = ("2345678", "Package-Car-2024")
NEW_HIRE = ("7654321", "K7PQ-M2XD-9HTA")
# The document's patterns (api/src/openapi.rs): the spaces are str::trim's.
SPACES = r"[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*"
EMPLOYEE_ID = re.compile(SPACES + r"[0-9]{7}" + SPACES)
REGISTRATION_CODE = re.compile(r"[- \u00a0]*(?:[0-9A-TV-Za-tv-z][- \u00a0]*){12}")


def cookie(response: requests.Response, name: str) -> str:
    """`name=value` of the cookie `name` the response sets. Read from the
    header: the cookies are `Secure`, which a cookie jar keeps from plain
    HTTP."""
    for header in response.raw.headers.getlist("Set-Cookie"):
        pair = header.split(";", 1)[0]
        if pair.startswith(f"{name}="):
            return pair
    raise RuntimeError(f"no {name} cookie in the answer ({response.status_code})")


def latest_code(employee_id: str) -> str:
    """The newest one-time PIN sent to the employee, from the dev outbox."""
    outbox = requests.get(f"{BASE_URL}/api/v1/dev/outbox").json()
    return next(m["code"] for m in outbox if m["employee_id"] == employee_id and m["code"])


def sign_in(employee_id: str, pin: str) -> str:
    """A session cookie pair for the employee, by PIN and a one-time PIN."""
    for _ in range(40):
        started = requests.post(f"{BASE_URL}/api/v1/login", json={"employee_id": employee_id, "pin": pin})
        if started.status_code == 200:
            break
        # A lock or a limit the fuzzer caused: wait it out.
        time.sleep(0.5)
    started.raise_for_status()
    flow = started.json()
    headers = {"Cookie": cookie(started, "__Host-flow")}
    channel = flow["channels"][0]["channel"]
    path = f"{BASE_URL}/api/v1/login/{flow['flow_id']}"
    requests.post(f"{path}/send", json={"channel": channel}, headers=headers).raise_for_status()
    code = latest_code(employee_id)
    verified = requests.post(f"{path}/verify", json={"code": code}, headers=headers)
    verified.raise_for_status()
    return cookie(verified, "__Host-session")


def stepped_up(session: str, employee_id: str) -> str:
    """`session` with a recovery proof (a step-up by one-time PIN), so that
    the changes that need one (a new contact, a passkey) are reached too."""
    headers = {"Cookie": session}
    sent = requests.post(f"{BASE_URL}/api/v1/account/step-up/send", json={"channel": "sms"}, headers=headers)
    if sent.status_code != 200:
        sent = requests.post(f"{BASE_URL}/api/v1/account/step-up/send", json={"channel": "email"}, headers=headers)
    sent.raise_for_status()
    code = latest_code(employee_id)
    path = f"{BASE_URL}/api/v1/account/step-up/{sent.json()['flow_id']}/verify"
    requests.post(path, json={"code": code}, headers=headers).raise_for_status()
    return session


class SessionAuth:
    """Sets the `Cookie` header of each case to a live session of `who`."""

    who = JORDAN

    def get(self, case, context):
        return sign_in(*self.who)

    def set(self, case, data, context):
        case.headers = case.headers or {}
        case.headers["Cookie"] = data


@schemathesis.auth(refresh_interval=60).apply_to(path_regex="^/api/v1/desk/")
class AgentSession(SessionAuth):
    who = SAM


@schemathesis.auth(refresh_interval=60).apply_to(path_regex="^/api/v1/(account|session|home)")
class EmployeeSession(SessionAuth):
    who = JORDAN

    def get(self, case, context):
        return stepped_up(sign_in(*self.who), self.who[0])


def made_up_pin(value) -> bool:
    """A PIN the document allows (1 to 64 characters) that the fuzzer made
    up. Only such a one is swapped for the right PIN: one the document
    refuses must stay refused, or a case meant to be refused would pass."""
    return isinstance(value, str) and 0 < len(value) <= 64


@schemathesis.hook("map_body").apply_to(path="/api/v1/account/step-up/pin")
def right_pin_now_and_then(ctx, body):
    """Every PIN the fuzzer makes up is wrong, and a wrong PIN answers 401:
    half the step-ups get Jordan's, so the right-PIN path is fuzzed too."""
    if isinstance(body, dict) and made_up_pin(body.get("pin")) and len(body["pin"]) % 2 == 0:
        body["pin"] = JORDAN[1]
    return body


@schemathesis.hook("map_body").apply_to(path="/api/v1/login")
def right_sign_in_now_and_then(ctx, body):
    """Likewise for the sign-in: half of them are Jordan's ID and PIN."""
    if (
        isinstance(body, dict)
        and made_up_pin(body.get("pin"))
        and len(body["pin"]) % 2 == 0
        and isinstance(body.get("employee_id"), str)
        and EMPLOYEE_ID.fullmatch(body["employee_id"])
    ):
        body["employee_id"], body["pin"] = JORDAN
    return body


@schemathesis.hook("map_body").apply_to(path="/api/v1/registration")
def right_registration_code_now_and_then(ctx, body):
    """Every registration code the fuzzer makes up is wrong (401): half the
    valid ones become the new hire's ID and code, so registration begins."""
    if (
        isinstance(body, dict)
        and isinstance(body.get("employee_id"), str)
        and EMPLOYEE_ID.fullmatch(body["employee_id"])
        and isinstance(body.get("registration_code"), str)
        and REGISTRATION_CODE.fullmatch(body["registration_code"])
        and len(body["registration_code"]) % 2 == 0
    ):
        body["employee_id"], body["registration_code"] = NEW_HIRE
    return body
