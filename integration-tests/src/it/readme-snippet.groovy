// Shared by the consumers' verify scripts: the block between <!-- crashguard:NAME:begin/end --> in this
// consumer's pom.xml (as the invoker filtered it) must appear word for word in the repository README,
// so the copy-paste snippet users take is the one this build just proved.
// Call: evaluate(new File(basedir, '../../../src/it/readme-snippet.groovy')); checkReadmeSnippet(basedir, 'NAME')
checkReadmeSnippet = { File dir, String name ->
  def pom = new File(dir, 'pom.xml').text
  def m = pom =~ /(?s)<!-- crashguard:${name}:begin -->\n(.*?)\n\s*<!-- crashguard:${name}:end -->/
  assert m.find() : "no ${name} block in ${dir}/pom.xml"
  def lines = m.group(1).split('\n') as List
  def indent = lines.findAll { it.trim() }.collect { it.length() - it.replaceAll(/^\s+/, '').length() }.min()
  def snippet = lines.collect { it.length() >= indent ? it.substring(indent) : it.trim() }.join('\n')
  def readme = new File(dir, '../../../../README.md').text
  assert readme.contains(snippet) : "README.md does not hold the ${name} block of ${dir.name}/pom.xml word for word:\n${snippet}"
  return true
}
