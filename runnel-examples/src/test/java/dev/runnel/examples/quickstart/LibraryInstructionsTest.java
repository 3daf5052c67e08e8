package dev.runnel.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The README's "Use Runnel as a library" section is true of this checkout: its install command,
 * and a minimal {@code pom.xml} that names modules the build has, at the version it builds, with
 * the SLF4J binding and exec plugin versions the build pins.
 */
class LibraryInstructionsTest {
  private static String readme;
  private static Element userPom;
  private static Element rootPom;

  @BeforeAll
  static void readReadmeAndPoms() throws Exception {
    readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    String start = "<!-- library-pom:start -->\n```xml\n";
    String end = "```\n<!-- library-pom:end -->";
    int from = readme.indexOf(start);
    int to = readme.indexOf(end);
    assertThat(from).as("README has the library-pom block").isNotNegative();
    userPom = parse(readme.substring(from + start.length(), to).getBytes(StandardCharsets.UTF_8));
    rootPom = parse(Files.readAllBytes(Path.of("..", "pom.xml")));
  }

  @Test
  void when_readmeSaysHowToInstall_then_itIsAnInstallFromTheRootWithTheBuildsVersion() {
    String version = text(rootPom, "version");

    assertThat(version).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(readme).contains("```bash\nmvn -B -DskipTests install\n```")
        .contains("`dev.runnel:<module>:" + version + "`");
  }

  @Test
  void when_userPomDependsOnRunnel_then_eachArtifactIsAModuleAtTheBuildsVersion() {
    List<String> modules = texts(child(rootPom, "modules"), "module");
    List<Element> runnel = dependencies().stream()
        .filter(d -> text(d, "groupId").equals("dev.runnel"))
        .toList();

    assertThat(runnel).extracting(d -> text(d, "artifactId"))
        .contains("runnel-runtime")
        .allSatisfy(artifact -> assertThat(modules).contains(artifact));
    assertThat(runnel).allSatisfy(d ->
        assertThat(text(d, "version")).isEqualTo(text(rootPom, "version")));
  }

  @Test
  void when_userPomHasALoggingBinding_then_itIsSlf4jSimpleAtTheBuildsSlf4jVersion() {
    Element properties = child(rootPom, "properties");
    Element binding = dependencies().stream()
        .filter(d -> text(d, "artifactId").equals("slf4j-simple"))
        .findFirst().orElseThrow();

    assertThat(text(binding, "groupId")).isEqualTo("org.slf4j");
    assertThat(text(binding, "version")).isEqualTo(text(properties, "slf4j.version"));
  }

  @Test
  void when_userPomBuildsAndRunsMain_then_pluginsAreTheBuildsVersionsAndMainIsTheFirstJob() {
    Element properties = child(rootPom, "properties");
    Element plugin = plugin("exec-maven-plugin");

    assertThat(text(plugin, "version")).isEqualTo(text(properties, "exec-plugin.version"));
    assertThat(text(plugin("maven-compiler-plugin"), "version"))
        .as("a compiler plugin that knows maven.compiler.release")
        .isEqualTo(text(properties, "compiler-plugin.version"));
    assertThat(text(child(plugin, "configuration"), "mainClass"))
        .isEqualTo("com.example." + FirstJob.class.getSimpleName());
    assertThat(text(child(userPom, "properties"), "maven.compiler.release"))
        .isEqualTo(text(properties, "maven.compiler.release"));
    assertThat(readme).contains("```bash\nmvn -q compile exec:java\n```");
  }

  private static Element plugin(String artifactId) {
    NodeList nodes = child(child(userPom, "build"), "plugins").getElementsByTagName("plugin");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element plugin = (Element) nodes.item(i);
      if (text(plugin, "artifactId").equals(artifactId)) {
        return plugin;
      }
    }
    throw new AssertionError("the README's pom.xml has no plugin " + artifactId);
  }

  private static List<Element> dependencies() {
    List<Element> result = new ArrayList<>();
    NodeList nodes = child(userPom, "dependencies").getElementsByTagName("dependency");
    for (int i = 0; i < nodes.getLength(); i++) {
      result.add((Element) nodes.item(i));
    }
    return result;
  }

  private static Element parse(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(false);
    Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    return document.getDocumentElement();
  }

  /** The direct child element {@code name} of {@code parent}. */
  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    throw new AssertionError("<" + parent.getTagName() + "> has no <" + name + ">");
  }

  private static String text(Element parent, String name) {
    return child(parent, name).getTextContent().trim();
  }

  private static List<String> texts(Element parent, String name) {
    List<String> result = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        result.add(e.getTextContent().trim());
      }
    }
    return result;
  }
}
