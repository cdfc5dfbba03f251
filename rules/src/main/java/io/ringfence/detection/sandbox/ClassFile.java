package io.ringfence.detection.sandbox;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a compiled class refers to, read from its constant pool and member descriptors. A JVM class can
 * only reach another class or call a method through a constant-pool entry, so this list is complete for
 * what the class can do directly. The JDK's own class-file reader is internal and ASM is not a dependency
 * Ringfence can rely on, hence this reader of the few structures it needs (JVMS chapter 4).
 *
 * @param name       this class, internal form ({@code io/ringfence/rules/Rule_X})
 * @param interfaces the interfaces it declares it implements, internal form
 * @param classes    every class named by a class entry or by a descriptor, internal form, arrays unwrapped
 * @param members    every field and method reference
 */
public record ClassFile(String name, List<String> interfaces, Set<String> classes, Set<MemberRef> members) {

    /** A field or method of {@code owner} that the class uses. */
    public record MemberRef(String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return owner.replace('/', '.') + "." + name;
        }
    }

    private static final int MAGIC = 0xCAFEBABE;

    /** @throws IllegalArgumentException when the bytes are not a class file this reader understands */
    public static ClassFile read(byte[] bytes) {
        try {
            return parse(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a readable class file: " + e.getMessage(), e);
        }
    }

    private static ClassFile parse(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("bad magic number");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major: every version's pool uses the tags below
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        String[] utf8 = new String[count];
        int[] first = new int[count];
        int[] second = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // eight-byte constants take two slots
                }
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    first[i] = in.readUnsignedByte();
                    second[i] = in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
        }
        Set<String> classes = new LinkedHashSet<>();
        Set<MemberRef> members = new LinkedHashSet<>();
        for (int i = 1; i < count; i++) {
            switch (tags[i]) {
                case 7 -> addClass(classes, utf8[first[i]]);
                case 9, 10, 11 -> {
                    String owner = utf8[first[first[i]]];
                    int nameAndType = second[i];
                    String descriptor = utf8[second[nameAndType]];
                    members.add(new MemberRef(owner.startsWith("[") ? "java/lang/Object" : owner,
                            utf8[first[nameAndType]], descriptor));
                }
                case 12 -> addDescriptor(classes, utf8[second[i]]);
                case 16 -> addDescriptor(classes, utf8[first[i]]);
                default -> {
                }
            }
        }
        in.readUnsignedShort(); // access flags
        String name = utf8[first[in.readUnsignedShort()]];
        in.readUnsignedShort(); // super class: also a class entry, so already in classes
        int interfaceCount = in.readUnsignedShort();
        List<String> interfaces = new ArrayList<>();
        for (int i = 0; i < interfaceCount; i++) {
            interfaces.add(utf8[first[in.readUnsignedShort()]]);
        }
        for (int kind = 0; kind < 2; kind++) { // fields, then methods: their declared types count as used
            int memberCount = in.readUnsignedShort();
            for (int m = 0; m < memberCount; m++) {
                in.readUnsignedShort();
                in.readUnsignedShort();
                addDescriptor(classes, utf8[in.readUnsignedShort()]);
                skipAttributes(in);
            }
        }
        classes.remove(name);
        return new ClassFile(name, List.copyOf(interfaces), Set.copyOf(classes), Set.copyOf(members));
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            in.readUnsignedShort();
            in.skipNBytes(in.readInt() & 0xFFFFFFFFL);
        }
    }

    private static void addClass(Set<String> classes, String internalName) {
        if (internalName.startsWith("[")) {
            addDescriptor(classes, internalName);
        } else {
            classes.add(internalName);
        }
    }

    /** Adds every {@code Lpkg/Name;} of a field or method descriptor. */
    private static void addDescriptor(Set<String> classes, String descriptor) {
        int at = descriptor.indexOf('L');
        while (at >= 0) {
            int end = descriptor.indexOf(';', at);
            if (end < 0) {
                break;
            }
            classes.add(descriptor.substring(at + 1, end));
            at = descriptor.indexOf('L', end);
        }
    }
}
