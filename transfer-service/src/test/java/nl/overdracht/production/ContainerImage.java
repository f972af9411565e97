package nl.overdracht.production;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * The container image as the build wrote it ({@code target/overdracht-image.tar}, Docker's tar
 * layout): {@code manifest.json} naming the config JSON and the layers, each layer a gzipped tar.
 * {@link #config()} is the config's {@code config} object (Entrypoint, User, ExposedPorts, Labels, …);
 * {@link #paths()} every path in any layer, without a leading slash, and inside each jar every entry
 * as {@code path/of.jar!entry/name}.
 */
record ContainerImage(JsonNode config, List<String> paths) {

    /** Where the production build writes the image. */
    static Path tarball() {
        return ProductionBuild.buildDirectory().resolve("overdracht-image.tar");
    }

    static ContainerImage read(Path tarball) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (TarFile tar = new TarFile(tarball)) {
            JsonNode manifest = json.readTree(contents(tar, "manifest.json")).get(0);
            JsonNode config = json.readTree(contents(tar, manifest.get("Config").asText())).get("config");
            List<String> paths = new ArrayList<>();
            for (JsonNode layer : manifest.get("Layers")) {
                try (InputStream in = contents(tar, layer.asText())) {
                    addPaths(new TarArchiveInputStream(new GZIPInputStream(in)), paths);
                }
            }
            return new ContainerImage(config, List.copyOf(paths));
        }
    }

    private static InputStream contents(TarFile tar, String name) throws IOException {
        for (TarArchiveEntry entry : tar.getEntries()) {
            if (entry.getName().equals(name)) {
                return tar.getInputStream(entry);
            }
        }
        throw new IOException("the image tarball has no " + name);
    }

    private static void addPaths(TarArchiveInputStream layer, List<String> paths) throws IOException {
        TarArchiveEntry entry;
        while ((entry = layer.getNextEntry()) != null) {
            String path = entry.getName().replaceFirst("^\\.?/", "");
            paths.add(path);
            if (entry.isFile() && path.endsWith(".jar")) {
                ZipInputStream jar = new ZipInputStream(CloseShieldInputStream.wrap(layer));
                ZipEntry inJar;
                while ((inJar = jar.getNextEntry()) != null) {
                    paths.add(path + "!" + inJar.getName());
                }
            }
        }
    }
}
