package io.geoingest.api;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.UrlHandlerFilter;

/**
 * Every route answers with and without a trailing slash: CARTO's documentation writes
 * {@code /api/v1/imports/} and its Python SDK calls {@code /api/v1/viz/}, while Spring 6 matches
 * paths exactly. The request is passed on without the slash (no redirect, which a POST with
 * a file would not survive), before authentication and the controllers see it.
 */
@Configuration(proxyBeanMethods = false)
class TrailingSlashes {
    @Bean
    FilterRegistrationBean<UrlHandlerFilter> trailingSlashFilter() {
        FilterRegistrationBean<UrlHandlerFilter> registration =
                new FilterRegistrationBean<>(UrlHandlerFilter.trailingSlashHandler("/**").wrapRequest().build());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
