NAME        
ROWS
 N  Obj     
 E  r0      
 E  r1      
 E  r2      
 E  r3      
 E  r4      
 E  r5      
 E  r6      
 E  r7      
 E  r8      
 E  r9      
 E  r10     
 E  r11     
 E  r12     
 E  r13     
 E  r14     
 E  r15     
 E  r16     
 E  r17     
 E  r18     
 E  r19     
 E  r20     
 E  r21     
 E  r22     
 E  r23     
 E  r24     
 E  r25     
 E  r26     
 E  r27     
 E  r28     
 E  r29     
 E  r30     
 E  r31     
 E  r32     
 E  r33     
 E  r34     
 E  r35     
 E  r36     
 L  r37     
 L  r38     
 L  r39     
 L  r40     
 L  r41     
 L  r42     
 L  r43     
 L  r44     
 L  r45     
 L  r46     
 L  r47     
 L  r48     
 L  r49     
 L  r50     
 L  r51     
 L  r52     
 L  r53     
 L  r54     
 L  r55     
 L  r56     
 L  r57     
 L  r58     
 L  r59     
 L  r60     
 L  r61     
 L  r62     
 L  r63     
 L  r64     
 L  r65     
 L  r66     
COLUMNS
    MARK0000  'MARKER'                 'INTORG'
    c0        r0        1
    c0        r37       3
    c0        r42       1
    c0        r45       1
    c1        Obj       1.9500000000000002
    c1        r0        1
    c1        r39       3
    c1        r46       1
    c2        Obj       0.30000000000000004
    c2        r0        1
    c2        r40       3
    c2        r47       1
    c3        r1        1
    c3        r37       3
    c3        r42       2
    c4        Obj       4.4000000000000004
    c4        r2        1
    c4        r38       4
    c4        r44       1
    c5        r3        1
    c5        r37       3
    c5        r42       1
    c6        Obj       1.9500000000000002
    c6        r3        1
    c6        r39       3
    c7        Obj       0.30000000000000004
    c7        r3        1
    c7        r40       3
    c8        r4        1
    c8        r37       2
    c9        Obj       4.4000000000000004
    c9        r5        1
    c9        r38       4
    c9        r44       3
    c9        r48       1
    c10       r6        1
    c10       r37       4
    c10       r42       1
    c10       r49       1
    c11       Obj       2.6000000000000001
    c11       r6        1
    c11       r39       4
    c11       r50       1
    c12       Obj       0.40000000000000002
    c12       r6        1
    c12       r40       4
    c12       r51       1
    c13       Obj       4.4000000000000004
    c13       r7        1
    c13       r38       4
    c13       r44       2
    c14       Obj       28.78144527712465
    c14       r8        1
    c14       r38       1
    c15       Obj       1023.463908935533
    c15       r8        1
    c15       r39       1
    c16       Obj       5.0499999999999998
    c16       r8        1
    c16       r41       1
    c17       Obj       4.4000000000000004
    c17       r9        1
    c17       r38       4
    c17       r44       2
    c18       r10       1
    c18       r37       1
    c19       Obj       0.65000000000000002
    c19       r10       1
    c19       r39       1
    c20       Obj       22.902527064183097
    c20       r10       1
    c20       r40       1
    c21       Obj       1.1000000000000001
    c21       r11       1
    c21       r38       1
    c22       Obj       0.050000000000000003
    c22       r11       1
    c22       r41       1
    c23       Obj       2.2000000000000002
    c23       r12       1
    c23       r38       2
    c23       r52       1
    c24       Obj       0.10000000000000001
    c24       r12       1
    c24       r41       2
    c24       r53       1
    c25       r13       1
    c25       r37       3
    c25       r42       1
    c26       Obj       3001.6500000000001
    c26       r14       1
    c26       r43       1
    c26       r54       1
    c27       Obj       68.299999999999997
    c27       r14       1
    c27       r38       3
    c27       r44       1
    c27       r55       1
    c28       Obj       4.3682694626089145
    c28       r15       1
    c28       r38       3
    c28       r44       1
    c29       Obj       2000
    c29       r16       1
    c29       r37       2
    c29       r42       1
    c30       Obj       262.19999999999999
    c30       r16       1
    c30       r38       2
    c30       r44       1
    c31       Obj       315
    c31       r17       1
    c31       r37       3
    c31       r42       2
    c32       Obj       316.94999999999999
    c32       r17       1
    c32       r39       3
    c32       r56       1
    c33       Obj       315.30000000000001
    c33       r17       1
    c33       r40       3
    c33       r57       1
    c34       Obj       3043.585962457259
    c34       r18       1
    c34       r43       1
    c35       Obj       125.895447587774
    c35       r18       1
    c35       r38       3
    c35       r44       1
    c36       Obj       1022.813908935533
    c36       r19       1
    c36       r37       1
    c37       Obj       28.78144527712465
    c37       r19       1
    c37       r38       1
    c38       Obj       5.0499999999999998
    c38       r19       1
    c38       r41       1
    c39       Obj       3.3000000000000003
    c39       r20       1
    c39       r38       3
    c39       r44       1
    c40       Obj       2.9121796417392765
    c40       r21       1
    c40       r38       2
    c41       Obj       45.727817871066044
    c41       r21       1
    c41       r41       2
    c42       r22       1
    c42       r37       4
    c42       r42       1
    c43       Obj       2.6000000000000001
    c43       r22       1
    c43       r39       4
    c44       Obj       0.40000000000000002
    c44       r22       1
    c44       r40       4
    c45       Obj       1.1000000000000001
    c45       r23       1
    c45       r38       1
    c46       Obj       0.050000000000000003
    c46       r23       1
    c46       r41       1
    c47       Obj       3.3000000000000003
    c47       r24       1
    c47       r38       3
    c47       r44       1
    c47       r58       1
    c48       Obj       274.39999999999998
    c48       r25       1
    c48       r38       4
    c48       r44       1
    c49       Obj       4.4000000000000004
    c49       r26       1
    c49       r38       4
    c49       r44       1
    c50       Obj       12.199999999999999
    c50       r27       1
    c50       r38       2
    c51       Obj       10.1
    c51       r27       1
    c51       r41       2
    c52       Obj       4.3682694626089145
    c52       r28       1
    c52       r38       3
    c52       r44       1
    c52       r59       1
    c53       Obj       101.19393011703201
    c53       r30       1
    c53       r38       4
    c53       r60       1
    c54       Obj       34.227067721223008
    c54       r30       1
    c54       r41       4
    c54       r61       1
    c55       Obj       25.298482529258003
    c55       r31       1
    c55       r38       1
    c55       r62       1
    c56       Obj       8.5567669303057521
    c56       r31       1
    c56       r41       1
    c56       r63       1
    c57       Obj       2038.6755811709606
    c57       r32       1
    c57       r37       2
    c57       r42       1
    c58       Obj       100.59696505851601
    c58       r32       1
    c58       r38       2
    c58       r44       1
    c59       r33       1
    c59       r37       4
    c59       r42       2
    c60       Obj       2.6000000000000001
    c60       r33       1
    c60       r39       4
    c61       Obj       0.40000000000000002
    c61       r33       1
    c61       r40       4
    c62       Obj       284.65754351151031
    c62       r34       1
    c62       r38       2
    c62       r44       1
    c62       r64       1
    c63       Obj       1000.55
    c63       r35       1
    c64       Obj       6.0999999999999996
    c64       r35       1
    c64       r38       1
    c65       Obj       5.0499999999999998
    c65       r35       1
    c65       r41       1
    c66       Obj       30000
    c66       r0        1
    c67       Obj       30000
    c67       r1        1
    c68       Obj       40000
    c68       r2        1
    c69       Obj       30000
    c69       r3        1
    c70       Obj       20000
    c70       r4        1
    c71       Obj       40000
    c71       r5        1
    c72       Obj       40000
    c72       r6        1
    c73       Obj       40000
    c73       r7        1
    c74       Obj       40000
    c74       r9        1
    c75       Obj       10000
    c75       r10       1
    c76       Obj       10000
    c76       r11       1
    c77       Obj       20000
    c77       r12       1
    c78       Obj       30000
    c78       r13       1
    c79       Obj       30000
    c79       r15       1
    c80       Obj       30315
    c80       r17       1
    c81       Obj       30000
    c81       r20       1
    c82       Obj       20000
    c82       r21       1
    c83       Obj       40000
    c83       r22       1
    c84       Obj       10000
    c84       r23       1
    c85       Obj       30000
    c85       r24       1
    c86       Obj       40270
    c86       r25       1
    c87       Obj       40000
    c87       r26       1
    c88       Obj       20010
    c88       r27       1
    c89       Obj       30000
    c89       r28       1
    c90       Obj       40000
    c90       r29       1
    c91       Obj       40020
    c91       r30       1
    c92       Obj       10005
    c92       r31       1
    c93       Obj       40000
    c93       r33       1
    c94       Obj       20260
    c94       r34       1
    c95       Obj       40000
    c95       r36       1
    c96       r45       -1
    c96       r49       -1
    c96       r65       1
    c97       r48       -1
    c97       r58       -1
    c97       r59       -1
    c97       r62       -1
    c97       r65       1
    c98       r46       -1
    c98       r50       -1
    c98       r65       1
    c99       r47       -1
    c99       r51       -1
    c99       r65       1
    c100      r63       -1
    c100      r65       1
    c101      r54       -1
    c101      r66       1
    c102      r52       -1
    c102      r55       -1
    c102      r60       -1
    c102      r64       -1
    c102      r66       1
    c103      r56       -1
    c103      r66       1
    c104      r57       -1
    c104      r66       1
    c105      r53       -1
    c105      r61       -1
    c105      r66       1
    MARK0001  'MARKER'                 'INTEND'
    c106      Obj       500
    c106      r65       -1
    c107      Obj       500
    c107      r66       -1
RHS
    RHS_V     Obj       -46.758512998347655
    RHS_V     r0        1
    RHS_V     r1        1
    RHS_V     r2        1
    RHS_V     r3        1
    RHS_V     r4        1
    RHS_V     r5        1
    RHS_V     r6        1
    RHS_V     r7        1
    RHS_V     r8        1
    RHS_V     r9        2
    RHS_V     r10       1
    RHS_V     r11       1
    RHS_V     r12       1
    RHS_V     r13       1
    RHS_V     r14       1
    RHS_V     r15       1
    RHS_V     r16       1
    RHS_V     r17       1
    RHS_V     r18       1
    RHS_V     r19       1
    RHS_V     r20       1
    RHS_V     r21       1
    RHS_V     r22       1
    RHS_V     r23       1
    RHS_V     r24       1
    RHS_V     r25       1
    RHS_V     r26       1
    RHS_V     r27       1
    RHS_V     r28       1
    RHS_V     r29       1
    RHS_V     r30       1
    RHS_V     r31       1
    RHS_V     r32       1
    RHS_V     r33       1
    RHS_V     r34       1
    RHS_V     r35       1
    RHS_V     r36       1
    RHS_V     r37       15
    RHS_V     r38       4
    RHS_V     r39       13
    RHS_V     r40       11
    RHS_V     r41       4
    RHS_V     r42       4
    RHS_V     r43       2
    RHS_V     r44       2
BOUNDS
 FX BOUND     c0        0
 FX BOUND     c1        1
 FX BOUND     c2        -0
 BV BOUND     c3      
 FX BOUND     c4        0
 FX BOUND     c5        0
 FX BOUND     c6        1
 FX BOUND     c7        -0
 BV BOUND     c8      
 FX BOUND     c9        0
 FX BOUND     c10       0
 FX BOUND     c11       1
 FX BOUND     c12       -0
 FX BOUND     c13       0
 FX BOUND     c14       0
 FX BOUND     c15       1
 FX BOUND     c16       -0
 UI BOUND     c17       2
 BV BOUND     c18     
 BV BOUND     c19     
 BV BOUND     c20     
 FX BOUND     c21       0
 FX BOUND     c22       1
 FX BOUND     c23       -0
 FX BOUND     c24       -0
 BV BOUND     c25     
 FX BOUND     c26       1
 FX BOUND     c27       0
 FX BOUND     c28       0
 BV BOUND     c29     
 BV BOUND     c30     
 FX BOUND     c31       0
 FX BOUND     c32       0
 FX BOUND     c33       1
 FX BOUND     c34       1
 FX BOUND     c35       0
 BV BOUND     c36     
 BV BOUND     c37     
 BV BOUND     c38     
 BV BOUND     c39     
 FX BOUND     c40       -0
 FX BOUND     c41       0
 FX BOUND     c42       0
 FX BOUND     c43       -0
 FX BOUND     c44       1
 FX BOUND     c45       0
 FX BOUND     c46       1
 FX BOUND     c47       0
 FX BOUND     c48       0
 FX BOUND     c49       0
 FX BOUND     c50       0
 FX BOUND     c51       1
 FX BOUND     c52       0
 FX BOUND     c53       0
 FX BOUND     c54       -0
 FX BOUND     c55       0
 FX BOUND     c56       0
 BV BOUND     c57     
 BV BOUND     c58     
 FX BOUND     c59       0
 FX BOUND     c60       0
 FX BOUND     c61       1
 FX BOUND     c62       0
 FX BOUND     c63       1
 FX BOUND     c64       0
 FX BOUND     c65       0
 FX BOUND     c66       0
 BV BOUND     c67     
 FX BOUND     c68       1
 FX BOUND     c69       0
 BV BOUND     c70     
 FX BOUND     c71       1
 FX BOUND     c72       0
 FX BOUND     c73       1
 UI BOUND     c74       2
 BV BOUND     c75     
 FX BOUND     c76       -0
 FX BOUND     c77       1
 BV BOUND     c78     
 FX BOUND     c79       1
 FX BOUND     c80       0
 BV BOUND     c81     
 FX BOUND     c82       1
 FX BOUND     c83       0
 FX BOUND     c84       0
 FX BOUND     c85       1
 FX BOUND     c86       1
 FX BOUND     c87       1
 FX BOUND     c88       -0
 FX BOUND     c89       1
 FX BOUND     c90       1
 FX BOUND     c91       1
 FX BOUND     c92       1
 FX BOUND     c93       0
 FX BOUND     c94       1
 FX BOUND     c95       1
 BV BOUND     c96     
 BV BOUND     c97     
 BV BOUND     c98     
 BV BOUND     c99     
 BV BOUND     c100    
 BV BOUND     c101    
 BV BOUND     c102    
 BV BOUND     c103    
 BV BOUND     c104    
 BV BOUND     c105    
ENDATA
