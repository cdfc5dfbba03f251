package io.ringfence.decision.dmn;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Compares two DMN documents after canonicalisation: namespaces by URI (prefixes and declarations do not count),
 * whitespace-only text dropped, attributes unordered, the children of {@code definitions} (whose order carries no
 * meaning) sorted by kind and id. Differences come back as lines; an {@code id} present only in the second document
 * is reported separately, as the editor adds ids to elements that had none.
 */
final class XmlCompare {

    record Differences(List<String> idsAdded, List<String> other) {
        boolean none() {
            return idsAdded.isEmpty() && other.isEmpty();
        }
    }

    private XmlCompare() {
    }

    static Differences compare(byte[] before, byte[] after) {
        Differences d = new Differences(new ArrayList<>(), new ArrayList<>());
        compare(parse(before), parse(after), "", d, true);
        return d;
    }

    private static Element parse(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilder b = f.newDocumentBuilder();
            return b.parse(new ByteArrayInputStream(xml)).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(Node n) {
        return n.getLocalName();
    }

    private static String label(Element e) {
        String id = e.getAttribute("id");
        String name = e.getAttribute("name");
        return name(e) + (id.isEmpty() ? "" : "#" + id) + (name.isEmpty() ? "" : "[" + name + "]");
    }

    private static List<Element> children(Element e, boolean sort) {
        List<Element> list = new ArrayList<>();
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element el) {
                list.add(el);
            }
        }
        if (sort) {
            list.sort(Comparator.comparing((Element el) -> name(el)).thenComparing(el -> el.getAttribute("id"))
                    .thenComparing(el -> el.getAttribute("name")));
        }
        return list;
    }

    private static String text(Element e) {
        StringBuilder sb = new StringBuilder();
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE) {
                sb.append(c.getNodeValue());
            }
        }
        return sb.toString().strip();
    }

    private static void compare(Element a, Element b, String parentPath, Differences d, boolean root) {
        String path = parentPath + "/" + label(a);
        if (!name(a).equals(name(b)) || !String.valueOf(a.getNamespaceURI()).equals(String.valueOf(b.getNamespaceURI()))) {
            d.other().add(path + ": element {" + a.getNamespaceURI() + "}" + name(a) + " became {" + b.getNamespaceURI()
                    + "}" + name(b));
            return;
        }
        NamedNodeMap aa = a.getAttributes();
        NamedNodeMap ba = b.getAttributes();
        for (int i = 0; i < aa.getLength(); i++) {
            Attr attr = (Attr) aa.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attr.getNamespaceURI())) {
                continue;
            }
            Attr other = (Attr) ba.getNamedItemNS(attr.getNamespaceURI(), attr.getLocalName());
            if (other == null) {
                d.other().add(path + ": attribute " + attr.getLocalName() + "=\"" + attr.getValue() + "\" removed");
            } else if (!attr.getValue().equals(other.getValue())) {
                d.other().add(path + ": attribute " + attr.getLocalName() + " \"" + attr.getValue() + "\" -> \""
                        + other.getValue() + "\"");
            }
        }
        for (int i = 0; i < ba.getLength(); i++) {
            Attr attr = (Attr) ba.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attr.getNamespaceURI())) {
                continue;
            }
            if (aa.getNamedItemNS(attr.getNamespaceURI(), attr.getLocalName()) == null) {
                if ("id".equals(attr.getLocalName()) && attr.getNamespaceURI() == null) {
                    d.idsAdded().add(path + ": id=\"" + attr.getValue() + "\" added");
                } else {
                    d.other().add(path + ": attribute " + attr.getLocalName() + "=\"" + attr.getValue() + "\" added");
                }
            }
        }
        List<Element> ac = children(a, root);
        List<Element> bc = children(b, root);
        if (ac.isEmpty() && bc.isEmpty() && !text(a).equals(text(b))) {
            d.other().add(path + ": text \"" + text(a) + "\" -> \"" + text(b) + "\"");
        }
        if (ac.size() != bc.size()) {
            d.other().add(path + ": " + ac.size() + " child element(s) -> " + bc.size() + ": "
                    + ac.stream().map(XmlCompare::label).toList() + " -> " + bc.stream().map(XmlCompare::label).toList());
            return;
        }
        for (int i = 0; i < ac.size(); i++) {
            compare(ac.get(i), bc.get(i), path, d, false);
        }
    }
}
