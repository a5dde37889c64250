// The fix rewrote the initializer to ConcurrentHashMap (declared type Map allows it), and the second
// build of the patched file passed with no finding.
def source = new File(basedir, 'src/main/java/demo/Counter.java').text
assert source.contains('new ConcurrentHashMap<>()') : source
assert !source.contains('new HashMap<>()') : source
assert source.contains('import java.util.concurrent.ConcurrentHashMap;') : source
// (Run 2 compiles with the check at its default severity, ERROR: had the finding survived, that run
// would have failed, and invoker.buildResult = success would fail this test.)
assert new File(basedir, 'target/classes/demo/Counter.class').isFile()
return true
