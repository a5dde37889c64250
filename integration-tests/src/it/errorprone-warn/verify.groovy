// -Xep:UnsynchronizedMapWrite:WARN: the build passes, the finding is a warning at the same line.
def log = new File(basedir, 'build.log').text
assert log =~ /(?m)\[WARNING\] .*demo\/Counter\.java:\[13,\d+\] (?:(?:error|warning): )?\[UnsynchronizedMapWrite\] 'counts' is written without a lock by/
assert !log.contains('SafeCounter.java:[')
assert !log.contains('ReviewedCounter.java:[')
assert log.contains('BUILD SUCCESS')
assert new File(basedir, 'target/classes/demo/Counter.class').isFile()
return true
