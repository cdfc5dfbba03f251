package io.ringfence.detection.sandbox;

import io.ringfence.detection.sandbox.ClassFile.MemberRef;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClassFileTest {

    /** Compiled by javac with the test sources: calls, a lambda, string concatenation, wide constants. */
    static final class Sample {
        private final long big = 12_345_678_901L;
        private final double ratio = 2.5;

        String describe(List<String> names) {
            return "first " + names.get(0) + Optional.of(big).map(n -> n * ratio).orElse(0.0);
        }
    }

    static byte[] bytesOf(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void listsTheClassesAndMembersTheCodeUses() throws IOException {
        ClassFile file = ClassFile.read(bytesOf(Sample.class));
        assertThat(file.name()).isEqualTo("io/ringfence/detection/sandbox/ClassFileTest$Sample");
        assertThat(file.classes()).contains("java/util/List", "java/util/Optional", "java/lang/Double",
                "java/lang/invoke/LambdaMetafactory", "java/lang/invoke/StringConcatFactory")
                .doesNotContain(file.name());
        assertThat(file.members()).contains(
                new MemberRef("java/util/List", "get", "(I)Ljava/lang/Object;"),
                new MemberRef("java/util/Optional", "map", "(Ljava/util/function/Function;)Ljava/util/Optional;"));
        assertThat(file.members()).extracting(MemberRef::name).contains("metafactory", "makeConcatWithConstants");
    }

    @Test
    void readsPastEightByteConstantsWhichTakeTwoSlots() throws IOException {
        // A reader that counts a long or double as one slot reads every later entry from the wrong place.
        ClassFile file = ClassFile.read(bytesOf(Sample.class));
        assertThat(file.members()).extracting(MemberRef::owner).contains("java/lang/Long");
    }

    @Test
    void listsTheInterfacesItImplements() throws IOException {
        ClassFile file = ClassFile.read(bytesOf(Runner.class));
        assertThat(file.interfaces()).containsExactly("java/lang/Runnable");
    }

    static final class Runner implements Runnable {
        @Override
        public void run() {
        }
    }

    @Test
    void bytesThatAreNotAClassFileAreRefused() {
        assertThatThrownBy(() -> ClassFile.read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("magic");
        assertThatThrownBy(() -> ClassFile.read(new byte[] {(byte) 0xCA, (byte) 0xFE}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
