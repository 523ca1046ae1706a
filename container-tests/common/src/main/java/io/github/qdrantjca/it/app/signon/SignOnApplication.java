package io.github.qdrantjca.it.app.signon;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST root of the sign-on test WAR: {@code /api}. */
@ApplicationPath("api")
public class SignOnApplication extends Application {}
