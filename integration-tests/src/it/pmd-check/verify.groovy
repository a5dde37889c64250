// pmd:check failed on the hazard, reported at the right file and line with the catalog name; the
// compliant twin and both suppressed writes are absent; the XML report carries the catalog's metadata;
// PMD's SARIF renderer output carries our rule name.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /PMD Failure: demo\.Counter:13 Rule:UnsynchronizedMapWrite Priority:1 'counts' is written without a lock by/
assert log =~ /PMD Failure: demo\.Lookup:9 Rule:NullEscapingOptional Priority:1 '.+' is or may be null/
assert log =~ /PMD Failure: demo\.Mailer:9 Rule:ExecutorLeak Priority:1 'pool' is created per call/
assert log =~ /PMD Failure: demo\.Signup:6 Rule:BadAnnotationAttribute Priority:1 '/
assert log =~ /PMD Failure: demo\.Scratch:15 Rule:UnsafeMemoryMisuse Priority:1 'address' /
assert log =~ /PMD Failure: demo\.Ledger:15 Rule:DoubleClose Priority:1 'lock' is released again, used after release/

def xml = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/pmd.xml'))
def violations = xml.file.violation.collect {
  [file: it.parent().@name.text().replace('\\', '/'), line: it.@beginline.text() as int, rule: it.@rule.text(),
   priority: it.@priority.text(), url: it.@externalInfoUrl.text(), ruleset: it.@ruleset.text()]
}
assert violations.size() == 6 : violations
def expected = [UnsynchronizedMapWrite: ['demo/Counter.java', 13], NullEscapingOptional: ['demo/Lookup.java', 9],
                DoubleClose: ['demo/Ledger.java', 15], ExecutorLeak: ['demo/Mailer.java', 9],
                BadAnnotationAttribute: ['demo/Signup.java', 6], UnsafeMemoryMisuse: ['demo/Scratch.java', 15]]
expected.each { rule, where ->
  def v = violations.find { it.rule == rule }
  assert v != null : "no $rule in $violations"
  assert v.file.endsWith(where[0]) && v.line == where[1] : v
  assert v.priority == '1'
  assert v.url.endsWith("/docs/${rule}.md")
}

def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/pmd.sarif.json'))
def results = sarif.runs[0].results
assert results.size() == 6 : results
expected.each { rule, where ->
  def r = results.find { it.ruleId == rule }
  assert r != null && r.locations[0].physicalLocation.region.startLine == where[1] : results
  assert sarif.runs[0].tool.driver.rules.any { it.id == rule && it.helpUri.endsWith("${rule}.md") }
}

evaluate(new File(basedir, '../../../src/it/readme-snippet.groovy'))
checkReadmeSnippet(basedir, 'pmd-snippet')
return true
