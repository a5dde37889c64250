// PMD's CLI loaded the ruleset from the jar on its class path and reported the hazard (exit code 4,
// accepted as success by the build) in SARIF with our rule name and docs link; NOPMD and
// @SuppressWarnings("PMD.…") and the compliant twin are silent.
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/pmd-cli.sarif.json'))
def results = sarif.runs[0].results
assert results.size() == 1 : results
assert results[0].ruleId == 'UnsynchronizedMapWrite'
assert results[0].locations[0].physicalLocation.artifactLocation.uri.endsWith('demo/Counter.java')
assert results[0].locations[0].physicalLocation.region.startLine == 13
assert results[0].message.text.startsWith("'counts' is written without a lock by")
def rule = sarif.runs[0].tool.driver.rules.find { it.id == 'UnsynchronizedMapWrite' }
assert rule.helpUri.endsWith('/docs/UnsynchronizedMapWrite.md')
return true
