package io.ringfence.decision.dmn;

import java.util.Optional;

/** The DMN versions an upload can be written in, told apart by the namespace of the model elements. */
public enum DmnVersion {
    DMN_1_1("1.1", "http://www.omg.org/spec/DMN/20151101/dmn.xsd", "org/omg/spec/DMN/20151101/dmn.xsd"),
    DMN_1_2("1.2", "http://www.omg.org/spec/DMN/20180521/MODEL/", "org/omg/spec/DMN/20180521/DMN12.xsd"),
    DMN_1_3("1.3", "https://www.omg.org/spec/DMN/20191111/MODEL/", "org/omg/spec/DMN/20191111/DMN13.xsd"),
    DMN_1_4("1.4", "https://www.omg.org/spec/DMN/20211108/MODEL/", "org/omg/spec/DMN/20211108/DMN14.xsd"),
    DMN_1_5("1.5", "https://www.omg.org/spec/DMN/20230324/MODEL/", "org/omg/spec/DMN/20230324/DMN15.xsd"),
    /** Written by the KIE DMN editor 10.2; the KIE 10.1 engine does not read it, {@link DmnUpload} converts it. */
    DMN_1_6("1.6", "https://www.omg.org/spec/DMN/20240513/MODEL/", null);

    private final String label;
    private final String modelNamespace;
    private final String schemaResource;

    DmnVersion(String label, String modelNamespace, String schemaResource) {
        this.label = label;
        this.modelNamespace = modelNamespace;
        this.schemaResource = schemaResource;
    }

    /** "1.5" etc. */
    public String label() {
        return label;
    }

    /** Namespace of {@code definitions} and every other model element in this version. */
    public String modelNamespace() {
        return modelNamespace;
    }

    /** Whether Apache KIE 10.1 reads this version as it is. */
    public boolean readByEngine() {
        return schemaResource != null;
    }

    /** Classpath location of the version's XSD in kie-dmn-xsd-resources; null for 1.6, which KIE 10.1 lacks. */
    String schemaResource() {
        return schemaResource;
    }

    public static Optional<DmnVersion> ofModelNamespace(String namespace) {
        for (DmnVersion v : values()) {
            if (v.modelNamespace.equals(namespace)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "DMN " + label;
    }
}
