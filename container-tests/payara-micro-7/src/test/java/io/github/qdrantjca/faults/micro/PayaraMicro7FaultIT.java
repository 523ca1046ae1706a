package io.github.qdrantjca.faults.micro;

/** {@link PayaraMicroFaults} on Payara Micro 7 and a JDK of Java 21+ (this module's pom). */
class PayaraMicro7FaultIT extends PayaraMicroFaults {}
