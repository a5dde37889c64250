// Default severity is ERROR: each hazard (every shipped one, with no per-hazard set-up) fails compilation at the exact line, with the catalog name and
// message; the compliant twin and the @SuppressHazard case are not mentioned.
def log = new File(basedir, 'build.log').text
assert log =~ /(?m)\[ERROR\] .*demo\/Counter\.java:\[13,\d+\] (?:(?:error|warning): )?\[UnsynchronizedMapWrite\] 'counts' is written without a lock by a task/
assert log =~ /(?m)\[ERROR\] .*demo\/Lookup\.java:\[9,\d+\] (?:(?:error|warning): )?\[NullEscapingOptional\] 'owner' returns null although its type is Optional/
assert log =~ /(?m)\[ERROR\] .*demo\/Ledger\.java:\[15,\d+\] (?:(?:error|warning): )?\[DoubleClose\] 'lock' is unlocked in a finally block that also runs when lockInterruptibly\(\)/
assert log =~ /(?m)\[ERROR\] .*demo\/Mailer\.java:\[9,\d+\] (?:(?:error|warning): )?\[ExecutorLeak\] 'pool' is created here and never shut down/
assert log =~ /(?m)\[ERROR\] .*demo\/Signup\.java:\[6,\d+\] (?:(?:error|warning): )?\[BadAnnotationAttribute\] '@Size\(min = 12, max = 6\)' sets a minimum above its maximum/
assert log =~ /(?m)\[ERROR\] .*demo\/Scratch\.java:\[15,\d+\] (?:(?:error|warning): )?\[UnsafeMemoryMisuse\] 'address' is freed again here, after freeMemory at line 14/
assert !log.contains('SafeCounter.java:[')
assert !log.contains('ReviewedCounter.java:[')
assert log.contains('BUILD FAILURE')

evaluate(new File(basedir, '../../../src/it/readme-snippet.groovy'))
checkReadmeSnippet(basedir, 'errorprone-snippet')
return true
