package io.ringfence.workflows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fraud-case process as a graph, checked without the runtime: well formed, every step reachable
 * and able to finish, the branches decided, the tasks in the right hands, and every service task an
 * operation the service really offers.
 */
class FraudCaseModelTest {
    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String DROOLS = "http://www.jboss.org/drools";

    private static Element process;
    private static final Map<String, Element> nodes = new HashMap<>();
    private static final Map<String, Element> flows = new HashMap<>();

    @BeforeAll
    static void parse() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        try (InputStream in = FraudCaseModelTest.class.getResourceAsStream("fraud-case.bpmn")) {
            Document doc = f.newDocumentBuilder().parse(in);
            process = (Element) doc.getElementsByTagNameNS(BPMN, "process").item(0);
        }
        for (Element e : children(process)) {
            String id = e.getAttribute("id");
            if ("sequenceFlow".equals(e.getLocalName())) {
                flows.put(id, e);
            } else if (!"property".equals(e.getLocalName())) {
                nodes.put(id, e);
            }
        }
    }

    @Test
    void isTheExecutableFraudCaseProcess() {
        assertThat(process.getAttribute("id")).isEqualTo("fraud_case");
        assertThat(process.getAttribute("isExecutable")).isEqualTo("true");
        assertThat(process.getAttributeNS(DROOLS, "packageName")).isEqualTo("io.ringfence.workflows");
    }

    @Test
    void everyFlowJoinsTwoNodesThatListIt() {
        for (Element flow : flows.values()) {
            String id = flow.getAttribute("id");
            Element source = nodes.get(flow.getAttribute("sourceRef"));
            Element target = nodes.get(flow.getAttribute("targetRef"));
            assertThat(source).as("source of " + id).isNotNull();
            assertThat(target).as("target of " + id).isNotNull();
            assertThat(refs(source, "outgoing")).as(source.getAttribute("id") + " lists " + id).contains(id);
            assertThat(refs(target, "incoming")).as(target.getAttribute("id") + " lists " + id).contains(id);
        }
        for (Element node : nodes.values()) {
            for (String f : refs(node, "incoming")) {
                assertThat(flows).as(node.getAttribute("id") + " comes in by " + f).containsKey(f);
            }
            for (String f : refs(node, "outgoing")) {
                assertThat(flows).as(node.getAttribute("id") + " goes out by " + f).containsKey(f);
            }
        }
    }

    @Test
    void everyStepIsReachableAndEveryStepCanFinish() {
        List<Element> starts = byKind("startEvent");
        assertThat(starts).hasSize(1);
        Set<String> reached = walk(starts.get(0).getAttribute("id"), true);
        assertThat(reached).containsExactlyInAnyOrderElementsOf(nodes.keySet());
        for (String id : nodes.keySet()) {
            Set<String> ahead = walk(id, true);
            assertThat(ahead.stream().anyMatch(n -> "endEvent".equals(nodes.get(n).getLocalName())))
                    .as(id + " can reach an end").isTrue();
        }
    }

    @Test
    void everyBranchIsDecidedByACondition() {
        for (Element g : byKind("exclusiveGateway")) {
            List<String> out = refs(g, "outgoing");
            if (out.size() > 1) {
                for (String f : out) {
                    assertThat(children(flows.get(f)).stream().anyMatch(c -> "conditionExpression".equals(c.getLocalName())))
                            .as(g.getAttribute("id") + " → " + f + " has a condition").isTrue();
                }
            }
        }
        String verdicts = conditions("verdict");
        for (TriageOutcome o : TriageOutcome.values()) {
            assertThat(verdicts).as("triage outcome " + o + " is handled").contains(o.name().equals("NEEDS_INFO")
                    ? "!\"CONFIRMED_FRAUD\".equals(outcome)" : "\"" + o.name() + "\"");
        }
        String routes = conditions("refundWay");
        for (RefundRoute r : RefundRoute.values()) {
            assertThat(routes).as("refund route " + r + " is handled").contains("\"" + r.name() + "\"");
        }
    }

    @Test
    void tasksAreInTheRightHands() {
        Map<String, String> groups = new HashMap<>();
        for (Element t : byKind("userTask")) {
            Map<String, String> in = fixedInputs(t);
            assertThat(in.get("TaskName")).as("the task list names the task as the diagram does")
                    .isEqualTo(t.getAttribute("name"));
            groups.put(in.get("TaskName"), in.get("GroupId"));
            assertThat(in.get("BusinessAdministratorGroupId")).as("supervisors can take over " + in.get("TaskName"))
                    .isEqualTo("supervisor");
        }
        assertThat(groups).containsExactlyInAnyOrderEntriesOf(Map.of("Triage", "case-handler",
                "CustomerContact", "case-handler", "RefundReview", "case-handler", "RefundApproval", "supervisor",
                // Completed by billing's acknowledgement, or by a supervisor who has billing's word another way.
                "BillingConfirmation", "supervisor"));
        Element approval = nodes.get("refundApproval");
        assertThat(sources(approval, "ExcludedOwnerId")).as("four eyes: the requester is excluded").containsExactly("refundRequester");
    }

    @Test
    void serviceTasksCallOperationsTheServiceOffers() {
        List<Element> services = byKind("serviceTask");
        assertThat(services).extracting(e -> e.getAttributeNS(DROOLS, "serviceoperation"))
                .containsExactlyInAnyOrder("block", "clearFalsePositive", "routeRefund", "issueRefund");
        for (Element s : services) {
            assertThat(s.getAttributeNS(DROOLS, "serviceinterface")).isEqualTo(CaseActions.class.getName());
            String op = s.getAttributeNS(DROOLS, "serviceoperation");
            List<Element> inputs = ioChildren(s, "dataInput");
            Method m = Arrays.stream(CaseActions.class.getMethods()).filter(x -> x.getName().equals(op)).findFirst().orElseThrow();
            assertThat(m.getParameterCount()).as(op + " takes the task's inputs").isEqualTo(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                assertThat(inputs.get(i).getAttributeNS(DROOLS, "dtype")).as(op + " parameter " + i)
                        .isEqualTo(m.getParameterTypes()[i].getName());
            }
        }
        assertThat(flows.get("confirmed").getAttribute("targetRef")).as("confirmed fraud blocks first").isEqualTo("block");
        assertThat(flows.get("falsePositive").getAttribute("targetRef")).isEqualTo("clear");
    }

    @Test
    void everyStepAndEveryFlowIsDrawnForTheEditors() {
        Document doc = process.getOwnerDocument();
        String di = "http://www.omg.org/spec/BPMN/20100524/DI";
        Set<String> shapes = new HashSet<>();
        NodeList s = doc.getElementsByTagNameNS(di, "BPMNShape");
        for (int i = 0; i < s.getLength(); i++) {
            shapes.add(((Element) s.item(i)).getAttribute("bpmnElement"));
        }
        Set<String> edges = new HashSet<>();
        NodeList e = doc.getElementsByTagNameNS(di, "BPMNEdge");
        for (int i = 0; i < e.getLength(); i++) {
            edges.add(((Element) e.item(i)).getAttribute("bpmnElement"));
        }
        assertThat(shapes).containsExactlyInAnyOrderElementsOf(nodes.keySet());
        assertThat(edges).containsExactlyInAnyOrderElementsOf(flows.keySet());
    }

    // --- helpers

    private static String conditions(String gateway) {
        StringBuilder sb = new StringBuilder();
        for (String f : refs(nodes.get(gateway), "outgoing")) {
            sb.append(flows.get(f).getTextContent()).append('\n');
        }
        return sb.toString();
    }

    private static Set<String> walk(String from, boolean forward) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (!seen.add(n)) {
                continue;
            }
            for (String f : refs(nodes.get(n), forward ? "outgoing" : "incoming")) {
                todo.push(flows.get(f).getAttribute(forward ? "targetRef" : "sourceRef"));
            }
        }
        return seen;
    }

    private static Map<String, String> fixedInputs(Element task) {
        Map<String, String> names = new HashMap<>();
        for (Element in : ioChildren(task, "dataInput")) {
            names.put(in.getAttribute("id"), in.getAttribute("name"));
        }
        Map<String, String> out = new HashMap<>();
        for (Element a : children(task)) {
            if (!"dataInputAssociation".equals(a.getLocalName())) {
                continue;
            }
            String target = text(a, "targetRef");
            NodeList from = a.getElementsByTagNameNS(BPMN, "from");
            if (from.getLength() > 0) {
                out.put(names.get(target), from.item(0).getTextContent().trim());
            }
        }
        return out;
    }

    private static List<String> sources(Element task, String inputName) {
        List<String> out = new ArrayList<>();
        String id = ioChildren(task, "dataInput").stream().filter(i -> inputName.equals(i.getAttribute("name")))
                .map(i -> i.getAttribute("id")).findFirst().orElse(null);
        for (Element a : children(task)) {
            if ("dataInputAssociation".equals(a.getLocalName()) && text(a, "targetRef").equals(id)) {
                out.add(text(a, "sourceRef"));
            }
        }
        return out;
    }

    private static List<Element> ioChildren(Element task, String kind) {
        List<Element> out = new ArrayList<>();
        NodeList l = task.getElementsByTagNameNS(BPMN, kind);
        for (int i = 0; i < l.getLength(); i++) {
            out.add((Element) l.item(i));
        }
        return out;
    }

    private static String text(Element parent, String child) {
        NodeList l = parent.getElementsByTagNameNS(BPMN, child);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent().trim();
    }

    private static List<String> refs(Element node, String kind) {
        List<String> out = new ArrayList<>();
        for (Element c : children(node)) {
            if (kind.equals(c.getLocalName())) {
                out.add(c.getTextContent().trim());
            }
        }
        return out;
    }

    private static List<Element> byKind(String kind) {
        return nodes.values().stream().filter(e -> kind.equals(e.getLocalName())).toList();
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el) {
                out.add(el);
            }
        }
        return out;
    }
}
