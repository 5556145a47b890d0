/** Geocoding by content: country names and codes to their boundaries ({@code content_guessing}). */
package io.geoingest.geocoding;
