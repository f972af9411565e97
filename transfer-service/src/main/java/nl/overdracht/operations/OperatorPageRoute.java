package nl.overdracht.operations;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The operator page is static ({@code META-INF/resources/operator/}, served at {@code /operator/}); an
 * address typed without the final slash is sent there, relative to where it was asked, so that a proxy's
 * path prefix stays in front of it.
 */
@ApplicationScoped
class OperatorPageRoute {

    static final String PAGE = "/operator";

    void install(@Observes Router router) {
        // a route's path matches with a final slash as well: that one is the static page's
        router.get(PAGE).handler(context -> {
            if (!PAGE.equals(context.request().path())) {
                context.next();
                return;
            }
            context.response().setStatusCode(301).putHeader(HttpHeaders.LOCATION, "operator/").end();
        });
    }
}
