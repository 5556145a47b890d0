package io.geoingest.api;

import io.geoingest.imports.WorkDirs;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spools multipart uploads into the work directory rather than the servlet container's
 * temporary one: the upload then moves to its import with a rename (the container's directory
 * may be another file system, such as a pod's small ephemeral disk), and a 2 GB upload never
 * fills that disk. {@code spring.servlet.multipart.location}, when set, still wins.
 */
@Configuration(proxyBeanMethods = false)
class UploadSpool {
    @Bean
    MultipartConfigElement multipartConfigElement(MultipartProperties multipart, WorkDirs workDirs) {
        String location = multipart.getLocation() != null ? multipart.getLocation() : workDirs.uploadSpool().toString();
        return new MultipartConfigElement(location, multipart.getMaxFileSize().toBytes(),
                multipart.getMaxRequestSize().toBytes(), (int) multipart.getFileSizeThreshold().toBytes());
    }
}
