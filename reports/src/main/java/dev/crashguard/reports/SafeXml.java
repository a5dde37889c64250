package dev.crashguard.reports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads an engine report with the JDK's DOM parser, hardened the OWASP way: no DOCTYPE at all (so no
 * external or expanding entities, no external DTD), no XInclude, no external schema. Neither PMD nor
 * SpotBugs writes a DOCTYPE, so refusing one costs nothing.
 */
final class SafeXml {
  private SafeXml() {}

  /** Parses {@code file} and checks that its root element has the local name {@code expectedRoot}. */
  static Element parse(Path file, String expectedRoot, String formatName) throws ReportException {
    Document document;
    try (InputStream in = Files.newInputStream(file)) {
      document = newBuilder().parse(in, file.toUri().toString());
    } catch (NoSuchFileException e) {
      throw new ReportException(file, "no such file");
    } catch (SAXParseException e) {
      throw new ReportException(
          file,
          "not well-formed XML (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + "): "
              + e.getMessage(),
          e);
    } catch (SAXException e) {
      throw new ReportException(file, "not well-formed XML: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ReportException(file, "cannot read: " + e, e);
    }
    Element root = document.getDocumentElement();
    if (!expectedRoot.equals(localName(root))) {
      throw new ReportException(
          file,
          "not a " + formatName + " report: root element is <" + localName(root) + ">, expected <"
              + expectedRoot + ">");
    }
    return root;
  }

  private static DocumentBuilder newBuilder() {
    try {
      // The JDK's own parser, even when a Xerces jar on the class path would win newInstance().
      DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      // The default handler prints "[Fatal Error] ..." to stderr before throwing; we report it ourselves.
      builder.setErrorHandler(
          new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) throws SAXException {
              throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
              throw e;
            }
          });
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a hardening feature", e);
    }
  }

  /** The element's name without namespace prefix (PMD 7 puts its report in a namespace). */
  static String localName(Element element) {
    String local = element.getLocalName();
    return local != null ? local : element.getTagName();
  }

  /** The direct child elements called {@code name}, in document order. */
  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(localName(e))) {
        out.add(e);
      }
    }
    return out;
  }

  /** The attribute's value, or {@code null} when absent (DOM itself answers "" for both). */
  static String attribute(Element element, String name) {
    return element.hasAttribute(name) ? element.getAttribute(name) : null;
  }

  /** A positive line number, or 0 when the attribute is absent, empty or not a positive number. */
  static int line(Element element, String name) {
    String value = attribute(element, name);
    if (value == null) {
      return 0;
    }
    try {
      int line = Integer.parseInt(value.trim());
      return line > 0 ? line : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
