package io.github.qdrantjca.faults.control;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API of the Payara Micro control WAR, under {@code /api}. */
@ApplicationPath("api")
public class ControlApplication extends Application {}
