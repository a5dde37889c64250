// Run 2 (the category without the rule) wrote the final target/pmd.xml: no violation at all. The log
// of run 1 (the rule by reference) names Counter.java and not the excluded generated file.
def xml = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/pmd.xml'))
assert xml.file.violation.size() == 0 : 'the excluded rule still reported'
def log = new File(basedir, 'build.log').text
assert log =~ /PMD Failure: demo\.Counter:13 Rule:UnsynchronizedMapWrite/
assert !log.contains('GeneratedCounter')
return true
