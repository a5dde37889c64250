// pmd:check failed on the hazard, reported at the right file and line with the catalog name; the
// compliant twin and both suppressed writes are absent; the XML report carries the catalog's metadata;
// PMD's SARIF renderer output carries our rule name.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /PMD Failure: demo\.Counter:13 Rule:UnsynchronizedMapWrite Priority:1 'counts' is written from/

def xml = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/pmd.xml'))
def violations = xml.file.violation.collect {
  [file: it.parent().@name.text().replace('\\', '/'), line: it.@beginline.text() as int, rule: it.@rule.text(),
   priority: it.@priority.text(), url: it.@externalInfoUrl.text(), ruleset: it.@ruleset.text()]
}
assert violations.size() == 1 : violations
def v = violations[0]
assert v.file.endsWith('demo/Counter.java') && v.line == 13 && v.rule == 'UnsynchronizedMapWrite'
assert v.priority == '1'
assert v.url.endsWith('/docs/UnsynchronizedMapWrite.md')

def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/pmd.sarif.json'))
def results = sarif.runs[0].results
assert results.size() == 1 : results
assert results[0].ruleId == 'UnsynchronizedMapWrite'
assert results[0].locations[0].physicalLocation.region.startLine == 13
assert sarif.runs[0].tool.driver.rules.any { it.id == 'UnsynchronizedMapWrite' && it.helpUri.endsWith('UnsynchronizedMapWrite.md') }

evaluate(new File(basedir, '../../../src/it/readme-snippet.groovy'))
checkReadmeSnippet(basedir, 'pmd-snippet')
return true
