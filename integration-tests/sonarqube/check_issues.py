"""Asserts the issues a real SonarQube server holds after scanning the consumer.

Usage: check_issues.py issues.json rule.json sarif-issues.json
  issues.json: /api/issues/search of the project scanned with the generic-issues route and sonar-java's
  PMD and SpotBugs importers; rule.json: /api/rules/show of external_crashguard:UnsynchronizedMapWrite;
  sarif-issues.json: the project scanned with crashguard's SARIF alone.
Prints the issue lists, then fails with exit 1 on the first expectation that does not hold.
"""
import json
import sys

issues = json.load(open(sys.argv[1]))["issues"]
rule = json.load(open(sys.argv[2])).get("rule", {})
sarif_issues = json.load(open(sys.argv[3]))["issues"]


def show(title, listed):
    print(title)
    for i in sorted(listed, key=lambda i: (i["rule"], i.get("component", ""), i.get("line", 0))):
        impacts = ",".join(f'{x["softwareQuality"]}:{x["severity"]}' for x in i.get("impacts", []))
        print(f'  {i["rule"]:50} {i["component"].split(":")[-1]}:{i.get("line")} '
              f'{i.get("severity")} [{i.get("cleanCodeAttribute")}] {impacts} {i["message"][:70]}')


show("generic issues, PMD and SpotBugs importers:", issues)
show("SARIF:", sarif_issues)


COUNTER = ("src/main/java/demo/Counter.java", 13, "'counts' is written without a lock by")
LOOKUP = ("src/main/java/demo/Lookup.java", 9, "'")
LEDGER = ("src/main/java/demo/Ledger.java", 15, "'lock' is ")
MAILER = ("src/main/java/demo/Mailer.java", 9, "'pool' is created ")
SCRATCH = ("src/main/java/demo/Scratch.java", 15, "'address' ")
# BadAnnotationAttribute: PMD reports on the annotation; a class file keeps no line for a field's
# annotation, so SpotBugs reports on the line that reads the field: two sites for the same finding.
SIGNUP = ("src/main/java/demo/Signup.java", 6, "'")
SIGNUP_READ = ("src/main/java/demo/Signup.java", 10, "'@Size(min = 12, max = 6)' sets a minimum above its maximum")


def expect(rule_key, where=COUNTER, listed=None):
    path, line, prefix = where
    found = [i for i in (issues if listed is None else listed) if i["rule"] == rule_key]
    if len(found) != 1:
        sys.exit(f"expected exactly one {rule_key} issue, found {len(found)}")
    issue = found[0]
    if not issue["component"].endswith(path) or issue.get("line") != line:
        sys.exit(f"{rule_key} at {issue['component']}:{issue.get('line')}, expected {path}:{line}")
    if not issue["message"].startswith(prefix):
        sys.exit(f"{rule_key} message: {issue['message']}")
    return issue


for hazard, bug_type, where in (
    ("UnsynchronizedMapWrite", "CG_UNSYNCHRONIZED_MAP_WRITE", COUNTER),
    ("NullEscapingOptional", "CG_NULL_ESCAPING_OPTIONAL", LOOKUP),
    ("DoubleClose", "CG_DOUBLE_CLOSE", LEDGER),
    ("ExecutorLeak", "CG_EXECUTOR_LEAK", MAILER),
    ("UnsafeMemoryMisuse", "CG_UNSAFE_MEMORY_MISUSE", SCRATCH),
):
    # crashguard's converter merges the engines' findings and keeps the most specific message (SpotBugs'
    # over PMD's one-message-per-rule wording), in the generic file and in SARIF alike: one issue per site.
    ours_where = where if hazard != "NullEscapingOptional" else (
        where[0], where[1], "'owner' returns null although its type is Optional")
    ours = expect(f"external_crashguard:{hazard}", ours_where)
    impacts = {(x["softwareQuality"], x["severity"]) for x in ours.get("impacts", [])}
    if impacts != {("RELIABILITY", "HIGH")}:
        sys.exit(f"{hazard} impacts: {ours.get('impacts')}")
    expect(f"external_pmd:{hazard}", where)
    expect(f"external_spotbugs:{bug_type}", where)
    # The SARIF route: one run (tool "crashguard"), one result per site, whatever engines saw it.
    expect(f"external_crashguard:{hazard}", ours_where, sarif_issues)
expect("external_pmd:BadAnnotationAttribute", SIGNUP)
expect("external_spotbugs:CG_BAD_ANNOTATION_ATTRIBUTE", SIGNUP_READ)
for listed in (issues, sarif_issues):
    lines = sorted(i.get("line") for i in listed if i["rule"] == "external_crashguard:BadAnnotationAttribute"
                   and i["component"].endswith(SIGNUP[0]))
    if lines != [SIGNUP[1], SIGNUP_READ[1]]:
        sys.exit(f"external_crashguard:BadAnnotationAttribute on Signup.java lines {lines}, expected [6, 10]")
if any(not i["rule"].startswith("external_crashguard:") and i["rule"].startswith("external_")
       for i in sarif_issues):
    sys.exit("the SARIF project holds another engine's issues: " + str({i["rule"] for i in sarif_issues}))
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
