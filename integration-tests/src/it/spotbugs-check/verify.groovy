// spotbugs:check failed on our bug type at the right line; the compliant twin, the @SuppressFBWarnings
// case and the filtered package are absent; spotbugsXml.xml knows our pattern (category, priority, rank,
// messages), i.e. the plugin's metadata was loaded, not "unknown bug pattern".
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('CG_UNSYNCHRONIZED_MAP_WRITE')

def xml = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/spotbugsXml.xml'))
def ours = xml.BugInstance.findAll { it.@type.text() == 'CG_UNSYNCHRONIZED_MAP_WRITE' }
assert ours.size() == 1 : ours*.LongMessage*.text()
def bug = ours[0]
def line = bug.SourceLine.find { it.@primary.text() == 'true' } ?: bug.SourceLine[0]
assert line.@sourcepath.text() == 'demo/Counter.java'
assert line.@start.text() == '13'
assert bug.@category.text() == 'MT_CORRECTNESS'
assert bug.@priority.text() == '1'
assert (bug.@rank.text() as int) <= 20
assert bug.LongMessage.text().startsWith("'counts' is written without a lock by")
assert bug.ShortMessage.text() == 'A non-thread-safe map or set (HashMap, TreeMap, HashSet, ...) is written from several threads without a lock.'
def pattern = xml.BugPattern.find { it.@type.text() == 'CG_UNSYNCHRONIZED_MAP_WRITE' }
assert pattern.@category.text() == 'MT_CORRECTNESS'
assert pattern.ShortDescription.text() == bug.ShortMessage.text()
assert !xml.text().contains('unknown bug pattern')
assert xml.BugInstance.findAll { it.Class.@classname.text().startsWith('demo.legacy') }.size() == 0

// The second hazard, with nothing hazard-specific in the build.
def nulls = xml.BugInstance.findAll { it.@type.text() == 'CG_NULL_ESCAPING_OPTIONAL' }
assert nulls.size() == 1 : nulls*.LongMessage*.text()
def nullBug = nulls[0]
def nullLine = nullBug.SourceLine.find { it.@primary.text() == 'true' } ?: nullBug.SourceLine[0]
assert nullLine.@sourcepath.text() == 'demo/Lookup.java' && nullLine.@start.text() == '9'
assert nullBug.@priority.text() == '1' && (nullBug.@rank.text() as int) <= 20
assert nullBug.LongMessage.text().startsWith("'owner' returns null although its type is Optional")
assert xml.BugPattern.find { it.@type.text() == 'CG_NULL_ESCAPING_OPTIONAL' }.ShortDescription.text() == nullBug.ShortMessage.text()

// The third hazard: an unlock in the finally of a try whose lockInterruptibly() may throw.
def closes = xml.BugInstance.findAll { it.@type.text() == 'CG_DOUBLE_CLOSE' }
assert closes.size() == 1 : closes*.LongMessage*.text()
def closeBug = closes[0]
def closeLine = closeBug.SourceLine.find { it.@primary.text() == 'true' } ?: closeBug.SourceLine[0]
assert closeLine.@sourcepath.text() == 'demo/Ledger.java' && closeLine.@start.text() == '15'
assert closeBug.@priority.text() == '1' && (closeBug.@rank.text() as int) <= 20
assert closeBug.LongMessage.text().startsWith("'lock' is unlocked in a finally block")

// The fourth hazard: a pool created on every call and never shut down.
def leaks = xml.BugInstance.findAll { it.@type.text() == 'CG_EXECUTOR_LEAK' }
assert leaks.size() == 1 : leaks*.LongMessage*.text()
def leakBug = leaks[0]
def leakLine = leakBug.SourceLine.find { it.@primary.text() == 'true' } ?: leakBug.SourceLine[0]
assert leakLine.@sourcepath.text() == 'demo/Mailer.java' && leakLine.@start.text() == '9'
assert leakBug.@priority.text() == '1' && (leakBug.@rank.text() as int) <= 20
assert leakBug.LongMessage.text().startsWith("'pool' is created here and never shut down")

// The fifth hazard: crossed @Size bounds. A class file keeps no line for a field's annotation: SpotBugs
// reports it on the first line of the class that reads the field.
def attrs = xml.BugInstance.findAll { it.@type.text() == 'CG_BAD_ANNOTATION_ATTRIBUTE' }
assert attrs.size() == 1 : attrs*.LongMessage*.text()
def attrBug = attrs[0]
def attrLine = attrBug.SourceLine.find { it.@primary.text() == 'true' } ?: attrBug.SourceLine[0]
assert attrLine.@sourcepath.text() == 'demo/Signup.java' && attrLine.@start.text() == '10'
assert attrBug.@priority.text() == '1' && (attrBug.@rank.text() as int) <= 20
assert attrBug.LongMessage.text().startsWith("'@Size(min = 12, max = 6)' sets a minimum above its maximum")

// The sixth hazard: a double free.
def frees = xml.BugInstance.findAll { it.@type.text() == 'CG_UNSAFE_MEMORY_MISUSE' }
assert frees.size() == 1 : frees*.LongMessage*.text()
def freeBug = frees[0]
def freeLine = freeBug.SourceLine.find { it.@primary.text() == 'true' } ?: freeBug.SourceLine[0]
assert freeLine.@sourcepath.text() == 'demo/Scratch.java' && freeLine.@start.text() == '15'
assert freeBug.@priority.text() == '1' && (freeBug.@rank.text() as int) <= 20
assert freeBug.LongMessage.text().startsWith("'address' is freed again here, after freeMemory at line 14")

evaluate(new File(basedir, '../../../src/it/readme-snippet.groovy'))
checkReadmeSnippet(basedir, 'spotbugs-snippet')
return true
