package dev.jspy.adapters;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An XML element as Python's {@code xml.etree.ElementTree} holds it, for the {@link XMLAdapter}: a tag,
 * attributes in document order, the text before the first child, the children, and the tail (the text
 * after the element's end tag, up to the next sibling or the parent's end). Comments and processing
 * instructions are dropped and the text around them joined, as ElementTree's default tree builder does.
 *
 * <p>Parsed with the JDK's SAX parser, namespace-aware (an undeclared prefix is an error, as with
 * ElementTree's expat parser; a namespaced name is written {@code {uri}local}), with document type
 * declarations refused, so no entity beyond XML's own five and character references is ever expanded.
 */
final class XmlElement {
  private static final SAXParserFactory FACTORY = factory();

  private final String tag;
  private final Map<String, String> attributes;
  private final List<XmlElement> children = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder tail = new StringBuilder();

  private XmlElement(String tag, Map<String, String> attributes) {
    this.tag = tag;
    this.attributes = attributes;
  }

  /**
   * {@code ET.fromstring("<root>" + content + "</root>")}: content that may have several top-level
   * elements and text between them, read under one root element.
   *
   * @param root the root element's tag
   * @param content the XML content
   * @return the root element
   * @throws IllegalArgumentException if the content is not well-formed, saying why and where in the
   *     content (line and column, both from 1)
   */
  static XmlElement parseUnder(String root, String content) {
    String open = "<" + root + ">";
    return parse(open + content + "</" + root + ">", open.length());
  }

  /** @param shift how many characters on the first line come before what the caller gave */
  private static XmlElement parse(String document, int shift) {
    SAXParser parser;
    try {
      synchronized (FACTORY) { // factories are not thread-safe; the parsers made are used by one thread
        parser = FACTORY.newSAXParser();
      }
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("the JDK's XML parser cannot be configured", e);
    }
    TreeBuilder builder = new TreeBuilder();
    try {
      parser.parse(new InputSource(new StringReader(document)), builder);
    } catch (SAXParseException e) {
      int line = e.getLineNumber();
      int column = line == 1 ? Math.max(1, e.getColumnNumber() - shift) : e.getColumnNumber();
      throw new IllegalArgumentException(e.getMessage() + " (line " + line + ", column " + column + ")", e);
    } catch (SAXException | IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return builder.root;
  }

  /** @return the tag, {@code {uri}local} for a namespaced element */
  String tag() {
    return tag;
  }

  /** @return the attributes in document order (unmodifiable) */
  Map<String, String> attributes() {
    return Collections.unmodifiableMap(attributes);
  }

  /** @return the text before the first child, {@code ""} for none (ElementTree's {@code text or ""}) */
  String text() {
    return text.toString();
  }

  /** @return the child elements in document order (unmodifiable) */
  List<XmlElement> children() {
    return Collections.unmodifiableList(children);
  }

  /**
   * DSPy's {@code XMLAdapter._group_children}: the children by tag in order of first appearance, where an
   * {@code <entry key="...">} counts under its key.
   *
   * @return tag (or key) to the children of that name, in document order
   */
  Map<String, List<XmlElement>> groupChildren() {
    Map<String, List<XmlElement>> groups = new LinkedHashMap<>();
    for (XmlElement child : children) {
      String name = child.tag.equals("entry") ? child.attributes.getOrDefault("key", child.tag) : child.tag;
      groups.computeIfAbsent(name, k -> new ArrayList<>()).add(child);
    }
    return groups;
  }

  /**
   * {@code ET.tostring(element, encoding="unicode")}: the element with its attributes, content and tail,
   * {@code <tag />} when it has neither text nor children.
   *
   * @return the element as XML
   */
  String toXml() {
    StringBuilder sb = new StringBuilder();
    write(sb);
    return sb.toString();
  }

  private void write(StringBuilder sb) {
    sb.append('<').append(tag);
    attributes.forEach((k, v) -> sb.append(' ').append(k).append("=\"").append(escapeAttribute(v)).append('"'));
    if (text.length() > 0 || !children.isEmpty()) {
      sb.append('>').append(escapeText(text.toString()));
      for (XmlElement child : children) {
        child.write(sb);
      }
      sb.append("</").append(tag).append('>');
    } else {
      sb.append(" />");
    }
    sb.append(escapeText(tail.toString()));
  }

  /** ElementTree's {@code _escape_cdata}. */
  private static String escapeText(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** ElementTree's {@code _escape_attrib}. */
  private static String escapeAttribute(String s) {
    return escapeText(s).replace("\"", "&quot;").replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;");
  }

  private static String name(String uri, String localName, String qName) {
    if (uri == null || uri.isEmpty()) {
      return localName == null || localName.isEmpty() ? qName : localName;
    }
    return "{" + uri + "}" + localName;
  }

  private static SAXParserFactory factory() {
    SAXParserFactory f = SAXParserFactory.newInstance();
    f.setNamespaceAware(true);
    f.setValidating(false);
    try {
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("the JDK's XML parser refuses the safe settings", e);
    }
    return f;
  }

  /** ElementTree's {@code TreeBuilder}, fed by SAX. Errors are thrown by {@link DefaultHandler#fatalError}. */
  private static final class TreeBuilder extends DefaultHandler {
    private final Deque<XmlElement> open = new ArrayDeque<>();
    private XmlElement root;

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attrs) {
      Map<String, String> attributes = new LinkedHashMap<>();
      for (int i = 0; i < attrs.getLength(); i++) {
        attributes.put(name(attrs.getURI(i), attrs.getLocalName(i), attrs.getQName(i)), attrs.getValue(i));
      }
      XmlElement e = new XmlElement(name(uri, localName, qName), attributes);
      if (open.isEmpty()) {
        root = e;
      } else {
        open.peek().children.add(e);
      }
      open.push(e);
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      open.pop();
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      XmlElement current = open.peek();
      if (current == null) {
        return; // outside the root: only whitespace can be here in a well-formed document
      }
      if (current.children.isEmpty()) {
        current.text.append(ch, start, length);
      } else {
        current.children.get(current.children.size() - 1).tail.append(ch, start, length);
      }
    }
  }
}
