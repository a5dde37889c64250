"""Asserts the issues a real SonarQube server holds after scanning the consumer.

Usage: check_issues.py issues.json rule.json  (responses of /api/issues/search and /api/rules/show)
Prints the issue list, then fails with exit 1 on the first expectation that does not hold.
"""
import json
import sys

issues = json.load(open(sys.argv[1]))["issues"]
rule = json.load(open(sys.argv[2])).get("rule", {})

for i in sorted(issues, key=lambda i: (i["rule"], i.get("component", ""), i.get("line", 0))):
    impacts = ",".join(f'{x["softwareQuality"]}:{x["severity"]}' for x in i.get("impacts", []))
    print(f'  {i["rule"]:50} {i["component"].split(":")[-1]}:{i.get("line")} '
          f'{i.get("severity")} [{i.get("cleanCodeAttribute")}] {impacts} {i["message"][:70]}')


COUNTER = ("src/main/java/demo/Counter.java", 13, "'counts' is written without a lock by")
LOOKUP = ("src/main/java/demo/Lookup.java", 9, "'")


def expect(rule_key, where=COUNTER):
    path, line, prefix = where
    found = [i for i in issues if i["rule"] == rule_key]
    if len(found) != 1:
        sys.exit(f"expected exactly one {rule_key} issue, found {len(found)}")
    issue = found[0]
    if not issue["component"].endswith(path) or issue.get("line") != line:
        sys.exit(f"{rule_key} at {issue['component']}:{issue.get('line')}, expected {path}:{line}")
    if not issue["message"].startswith(prefix):
        sys.exit(f"{rule_key} message: {issue['message']}")
    return issue


def expect_crashguard(rule_key, where):
    """The generic route and the SARIF route (one run, tool "crashguard") share the rule key: two issues."""
    path, line, prefix = where
    found = [i for i in issues if i["rule"] == rule_key]
    if len(found) != 2:
        sys.exit(f"expected two {rule_key} issues (generic file and SARIF), found {len(found)}")
    for issue in found:
        if not issue["component"].endswith(path) or issue.get("line") != line:
            sys.exit(f"{rule_key} at {issue['component']}:{issue.get('line')}, expected {path}:{line}")
        if not issue["message"].startswith(prefix):
            sys.exit(f"{rule_key} message: {issue['message']}")
    return found


for hazard, bug_type, where in (
    ("UnsynchronizedMapWrite", "CG_UNSYNCHRONIZED_MAP_WRITE", COUNTER),
    ("NullEscapingOptional", "CG_NULL_ESCAPING_OPTIONAL", LOOKUP),
):
    # crashguard's converter merges the engines' findings and keeps the most specific message (SpotBugs'
    # over PMD's one-message-per-rule wording), in the generic file and in SARIF alike.
    ours = expect_crashguard(f"external_crashguard:{hazard}", where if hazard != "NullEscapingOptional"
                             else (where[0], where[1], "'owner' returns null although its type is Optional"))
    if not any({(x["softwareQuality"], x["severity"]) for x in i.get("impacts", [])} == {("RELIABILITY", "HIGH")}
               for i in ours):
        sys.exit(f"{hazard} impacts: {[i.get('impacts') for i in ours]}")
    expect(f"external_pmd:{hazard}", where)
    expect(f"external_spotbugs:{bug_type}", where)
if any("SafeCounter" in i["component"] for i in issues):
    sys.exit("the compliant twin SafeCounter.java has an issue")
# crashguard's converter names the rule after the catalog name, in words; its description starts with
# the catalog summary and links the docs page.
if rule.get("name") != "Unsynchronized map write":
    sys.exit(f"rule name: {rule.get('name')}")
description = json.dumps(rule)
if "non-thread-safe map or set" not in description or "docs/UnsynchronizedMapWrite.md" not in description:
    sys.exit("rule description lacks the catalog summary or the docs link")
if rule.get("cleanCodeAttribute") != "LOGICAL":
    sys.exit(f"rule clean-code attribute: {rule.get('cleanCodeAttribute')}")
print("  rule external_crashguard:UnsynchronizedMapWrite:", rule.get("name"), "|",
      rule.get("cleanCodeAttribute"), rule.get("impacts"))
