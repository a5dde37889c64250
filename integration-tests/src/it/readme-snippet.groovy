// Shared by the consumers' verify scripts: the block between <!-- crashguard:NAME:begin/end --> in this
// consumer's pom.xml (as the invoker filtered it) must appear word for word in the repository README,
// so the copy-paste snippet users take is the one this build just proved.
// The snippet must also work pasted into a fresh project: it may name no file that only this consumer has
// (an exclude filter, a ruleset of its own), since a user copying it has none of them.
// Call: evaluate(new File(basedir, '../../../src/it/readme-snippet.groovy')); checkReadmeSnippet(basedir, 'NAME')
snippetNamesNoConsumerFile = { File dir, String snippet ->
  def own = (snippet =~ />([^<>\s]+)</).collect { it[1] }.findAll { new File(dir, it).isFile() }
  assert own.isEmpty() : "the README snippet names ${own}, which only the consumer ${dir.name} has: pasted into a fresh project it fails. Set it outside the snippet (a property, another block)."
  return true
}
checkReadmeSnippet = { File dir, String name ->
  def pom = new File(dir, 'pom.xml').text
  def m = pom =~ /(?s)<!-- crashguard:${name}:begin -->\n(.*?)\n\s*<!-- crashguard:${name}:end -->/
  assert m.find() : "no ${name} block in ${dir}/pom.xml"
  def lines = m.group(1).split('\n') as List
  def indent = lines.findAll { it.trim() }.collect { it.length() - it.replaceAll(/^\s+/, '').length() }.min()
  def snippet = lines.collect { it.length() >= indent ? it.substring(indent) : it.trim() }.join('\n')
  snippetNamesNoConsumerFile(dir, snippet)
  def readme = new File(dir, '../../../../README.md').text
  assert readme.contains(snippet) : "README.md does not hold the ${name} block of ${dir.name}/pom.xml word for word:\n${snippet}"
  return true
}
