/**
 * Declared routes: the route templates of {@code routes/templates/} that integrators use in their
 * own Camel YAML files ({@code geoingest.routes.dir}), and the beans those templates call. Every
 * template goes through the services the REST API uses (same validation, records, error codes,
 * atomic swap): nothing here imports or syncs on its own.
 */
package io.geoingest.routes;
