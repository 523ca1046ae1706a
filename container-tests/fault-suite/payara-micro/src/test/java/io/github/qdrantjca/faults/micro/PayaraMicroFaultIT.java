package io.github.qdrantjca.faults.micro;

/** {@link PayaraMicroFaults} on Payara Micro 6 and the build's JDK (this module's pom). */
class PayaraMicroFaultIT extends PayaraMicroFaults {}
