package io.github.qdrantjca.faults.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API of the fault-suite WAR, under {@code /api}. */
@ApplicationPath("api")
public class FaultApplication extends Application {}
