package io.github.qdrantjca.it.micro;

/** {@link PayaraMicroTests} on Payara Micro 6 and the build's JDK (this module's pom). */
class PayaraMicroIT extends PayaraMicroTests {}
