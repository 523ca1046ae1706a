package io.github.qdrantjca.it.micro;

/** {@link PayaraMicroTests} on Payara Micro 7 and a JDK of Java 21+ (this module's pom). */
class PayaraMicro7IT extends PayaraMicroTests {}
